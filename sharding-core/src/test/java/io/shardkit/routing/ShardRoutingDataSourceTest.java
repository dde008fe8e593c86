package io.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.NoShardBoundException;
import io.shardkit.ShardPoolState;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardUnavailableException;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The routing DataSource hands out connections of the bound shard, and nothing else. */
class ShardRoutingDataSourceTest {

    /** Hikari's own default connection timeout, which a shard that is down must not cost its callers. */
    private static final Duration HIKARI_DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);

    private final ShardRegistry registry = ShardRegistry.builder()
            .shard("shard-0", H2ShardFixtures.pool("route0"))
            .shard("shard-1", H2ShardFixtures.pool("route1"))
            .build();

    ShardRoutingDataSourceTest() {
        H2ShardFixtures.mark(registry.shard("shard-0").dataSource(), "shard-0");
        H2ShardFixtures.mark(registry.shard("shard-1").dataSource(), "shard-1");
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aConnectionComesFromTheBoundShard() throws Exception {
        ShardRoutingDataSource routing = ShardRoutingDataSource.create();
        try (ShardScope scope = registry.bind("shard-1"); Connection c = routing.getConnection()) {
            assertThat(routing.currentShard().name()).isEqualTo("shard-1");
            assertThat(H2ShardFixtures.marker(c)).isEqualTo("shard-1");
        }
        try (ShardScope outer = registry.bind("shard-0")) {
            try (ShardScope inner = registry.bind("shard-1"); Connection c = routing.getConnection()) {
                assertThat(H2ShardFixtures.marker(c)).isEqualTo("shard-1");
            }
            try (Connection c = routing.getConnection()) {
                assertThat(H2ShardFixtures.marker(c)).isEqualTo("shard-0");
            }
        }
    }

    @Test
    void withNothingBoundThereIsNoConnection() {
        ShardRoutingDataSource routing = ShardRoutingDataSource.create();
        assertThatThrownBy(routing::getConnection).isInstanceOf(NoShardBoundException.class)
                .hasMessageContaining("No shard is bound to thread [" + Thread.currentThread().getName() + "]");
        assertThatThrownBy(() -> routing.getConnection("sa", "")).isInstanceOf(NoShardBoundException.class);
    }

    @Test
    void aDefaultShardServesUnboundCallsOnlyWhenConfigured() throws Exception {
        ShardRoutingDataSource routing = ShardRoutingDataSource.withDefaultShard(registry.shard("shard-0"));
        try (Connection c = routing.getConnection()) {
            assertThat(H2ShardFixtures.marker(c)).isEqualTo("shard-0");
        }
        try (ShardScope scope = registry.bind("shard-1"); Connection c = routing.getConnection()) {
            assertThat(H2ShardFixtures.marker(c)).as("a binding wins over the default").isEqualTo("shard-1");
        }
        assertThat(routing).hasToString("ShardRoutingDataSource[default=shard-0]");
        assertThat(ShardRoutingDataSource.create()).hasToString("ShardRoutingDataSource[default=none]");
    }

    @Test
    void aShardThatIsDownFailsFastNamingItWhileTheOthersServe() throws Exception {
        ShardRoutingDataSource routing = ShardRoutingDataSource.create();
        try (ShardRegistry withDown = ShardRegistry.builder()
                .shard("up", H2ShardFixtures.pool("up"))
                .shard("down", H2ShardFixtures.unreachablePool(SHORT_TIMEOUT))
                .build()) {
            assertFailsFast(routing, withDown);
        }
    }

    private static void assertFailsFast(ShardRoutingDataSource routing, ShardRegistry registry) throws Exception {
        H2ShardFixtures.mark(registry.shard("up").dataSource(), "up");
        long start = System.nanoTime();
        try (ShardScope scope = registry.bind("down")) {
            assertThatThrownBy(routing::getConnection).isInstanceOf(ShardUnavailableException.class)
                    .hasMessageStartingWith("Shard 'down' is unavailable: could not get a connection (total=0, "
                            + "active=0, idle=0, waiting=0): ")
                    .isInstanceOfSatisfying(ShardUnavailableException.class, e -> {
                        assertThat(e.getShard()).isEqualTo("down");
                        assertThat(e.getPoolState()).isEqualTo(new ShardPoolState(0, 0, 0, 0));
                        assertThat(e.isOutcomeUnknown()).as("nothing reached the shard").isFalse();
                    })
                    .hasCauseInstanceOf(java.sql.SQLException.class);
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        // Generous bound against a slow shared machine, still far below Hikari's 30 s default.
        assertThat(waited).isGreaterThanOrEqualTo(SHORT_TIMEOUT.minusMillis(50))
                .isLessThan(HIKARI_DEFAULT_TIMEOUT.dividedBy(3));
        try (ShardScope scope = registry.bind("up"); Connection c = routing.getConnection()) {
            assertThat(H2ShardFixtures.marker(c)).isEqualTo("up");
        }
    }

    @Test
    void perCallCredentialsRefusedByThePoolAreNotReportedAsAnOutage() {
        ShardRoutingDataSource routing = ShardRoutingDataSource.create();
        try (ShardScope scope = registry.bind("shard-0")) {
            assertThatThrownBy(() -> routing.getConnection("sa", ""))
                    .isInstanceOf(SQLFeatureNotSupportedException.class);
        }
    }

    @Test
    void itUnwrapsToItselfOnly() throws Exception {
        ShardRoutingDataSource routing = ShardRoutingDataSource.create();
        assertThat(routing.isWrapperFor(ShardRoutingDataSource.class)).isTrue();
        assertThat(routing.unwrap(javax.sql.DataSource.class)).isSameAs(routing);
        assertThat(routing.isWrapperFor(String.class)).isFalse();
        assertThatThrownBy(() -> routing.unwrap(String.class)).isInstanceOf(java.sql.SQLException.class);
    }
}
