package io.shardkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The registry: naming, ordering, pool ownership and the errors of a bad shard list or name. */
class ShardRegistryTest {

    @Test
    void poolsAreNamedAfterTheirShardAndIndexedInOrder() throws Exception {
        try (ShardRegistry registry = ShardRegistry.builder()
                .shard("eu-1", H2ShardFixtures.pool("eu1"))
                .shard("eu-2", H2ShardFixtures.pool("eu2"))
                .build()) {
            assertThat(registry.names()).containsExactly("eu-1", "eu-2");
            assertThat(registry.shard("eu-2").index()).isOne();
            assertThat(registry.shard(0).name()).isEqualTo("eu-1");
            HikariDataSource pool = (HikariDataSource) registry.shard("eu-1").dataSource();
            assertThat(pool.getPoolName()).isEqualTo("eu-1");
            try (Connection c = pool.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void closingClosesTheBuiltPoolsButNotAHandedInDataSource() {
        HikariDataSource mine = new HikariDataSource();
        mine.setJdbcUrl(H2ShardFixtures.uniqueUrl("mine"));
        mine.setMaximumPoolSize(1);
        try {
            ShardRegistry registry = ShardRegistry.builder()
                    .shard("built", H2ShardFixtures.pool("built"))
                    .shard("handed-in", mine)
                    .build();
            HikariDataSource built = (HikariDataSource) registry.shard("built").dataSource();
            assertThat(registry.shard("handed-in").dataSource()).isSameAs(mine);

            registry.close();
            registry.close();

            assertThat(built.isClosed()).isTrue();
            assertThat(mine.isClosed()).isFalse();
        } finally {
            mine.close();
        }
    }

    @Test
    void duplicateBlankAndMissingShardsAreRefused() {
        ShardRegistryBuilder builder = ShardRegistry.builder().shard("a", H2ShardFixtures.pool("a"));
        assertThatThrownBy(() -> builder.shard("a", H2ShardFixtures.pool("a2")))
                .isInstanceOf(ShardingConfigurationException.class).hasMessage("shard 'a' is added twice");
        assertThatThrownBy(() -> ShardRegistry.builder().shard(" ", H2ShardFixtures.pool("blank")))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> ShardRegistry.builder().shard("", H2ShardFixtures.pool("empty")))
                .isInstanceOf(ShardingConfigurationException.class);
        assertThatThrownBy(() -> ShardRegistry.builder().build())
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("at least one shard");
    }

    @Test
    void anUnknownShardNamesTheKnownOnes() {
        try (ShardRegistry registry = ShardRegistry.builder()
                .shard("a", H2ShardFixtures.pool("a"))
                .shard("b", H2ShardFixtures.pool("b"))
                .build()) {
            assertThatThrownBy(() -> registry.shard("c")).isInstanceOf(UnknownShardException.class)
                    .hasMessage("unknown shard 'c'; known shards are [a, b]")
                    .satisfies(e -> assertThat(((UnknownShardException) e).getShard()).isEqualTo("c"));
            assertThatThrownBy(() -> registry.shard(2)).isInstanceOf(UnknownShardException.class)
                    .hasMessageContaining("known shards are [a, b]");
            assertThatThrownBy(() -> registry.bind("c")).isInstanceOf(UnknownShardException.class);
            assertThat(registry.contains("a")).isTrue();
            assertThat(registry.contains("c")).isFalse();
        }
    }

    @Test
    void aShardThatMustBeUpAtStartupFailsTheBuildNamingIt() {
        ShardPoolConfig down = ShardPoolConfig.custom()
                .url(H2ShardFixtures.unreachablePool(Duration.ofMillis(250)).url())
                .failOnStartup(true).build();
        assertThatThrownBy(() -> ShardRegistry.builder()
                .shard("up", H2ShardFixtures.pool("up"))
                .shard("down", down)
                .build())
                .isInstanceOf(ShardUnavailableException.class)
                .hasMessageStartingWith("Shard 'down' is unavailable: its pool could not start")
                .satisfies(e -> assertThat(((ShardUnavailableException) e).getShard()).isEqualTo("down"));
    }

    @Test
    void bindIsShorthandForBindingTheNamedShard() {
        try (ShardRegistry registry = ShardRegistry.builder().shard("a", H2ShardFixtures.pool("a")).build();
             ShardScope scope = registry.bind("a")) {
            assertThat(ShardContext.current()).isSameAs(registry.shard("a")).isSameAs(scope.shard());
        }
        assertThat(ShardContext.current()).isNull();
    }
}
