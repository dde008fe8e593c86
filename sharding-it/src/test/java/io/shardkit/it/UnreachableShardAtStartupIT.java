package io.shardkit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardUnavailableException;
import io.shardkit.it.support.OrderTable;
import io.shardkit.it.support.Ports;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.routing.ShardRoutingDataSource;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A shard that is unreachable when the registry starts, beside a real one: by default the registry starts and
 * only that shard's callers fail, fast and typed; with {@code failOnStartup} the build fails naming the shard.
 */
class UnreachableShardAtStartupIT {

    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();

    @ParameterizedTest
    @EnumSource(RealServer.class)
    void registryStartsAndOnlyTheUnreachableShardsCallersFail(RealServer server) throws SQLException {
        try (ShardDatabases databases = ShardDatabases.create(server, 1)) {
            long started = System.nanoTime();
            try (ShardRegistry mixed = ShardRegistry.builder()
                    .shard("up", databases.poolConfig(0).build())
                    .shard("down", deadShard(server).failOnStartup(false).build())
                    .build()) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
                OrderTable.createOn(mixed.shard("up").dataSource());

                long before = System.nanoTime();
                try (ShardScope ignored = mixed.bind("down")) {
                    assertThatThrownBy(routing::getConnection)
                            .isInstanceOf(ShardUnavailableException.class)
                            .hasMessageContaining("'down'")
                            .satisfies(ex -> assertThat(((ShardUnavailableException) ex).getShard())
                                    .isEqualTo("down"));
                }
                // The configured 1 s connection timeout, not Hikari's default 30 s.
                assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));

                try (ShardScope ignored = mixed.bind("up")) {
                    OrderTable.insert(routing, 1, 1, 1);
                }
                assertThat(OrderTable.rowsOn(mixed.shard("up"))).hasSize(1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RealServer.class)
    void buildFailsNamingTheShardWhenConfiguredToFailOnStartup(RealServer server) {
        try (ShardDatabases databases = ShardDatabases.create(server, 1)) {
            assertThatThrownBy(() -> ShardRegistry.builder()
                    .shard("up", databases.poolConfig(0).build())
                    .shard("down", deadShard(server).failOnStartup(true).build())
                    .build())
                    .isInstanceOf(ShardUnavailableException.class)
                    .hasMessageContaining("'down'")
                    .satisfies(ex -> assertThat(((ShardUnavailableException) ex).getShard()).isEqualTo("down"));
        }
    }

    /** A shard on a port where nothing listens: connections are refused at once. */
    private static ShardPoolConfig.Builder deadShard(RealServer server) {
        return ShardPoolConfig.custom()
                .url(server.jdbcUrl("127.0.0.1", Ports.free(), "nowhere"))
                .username(server.user())
                .password("")
                .maximumPoolSize(2)
                .connectionTimeout(Duration.ofSeconds(1));
    }
}
