package io.shardkit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional for sharding-core. This test runs in its own Surefire execution whose class path
 * excludes Micrometer (see sharding-core/pom.xml); it proves the class path really lacks Micrometer and that
 * the registry, routing and scatter-gather work without it. The default execution excludes it.
 */
class MicrometerAbsentTest {

    @Test
    void micrometerIsReallyAbsentFromThisClassPath() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void routingAndScatterGatherRunWithoutMicrometer() throws Exception {
        try (ShardRegistry registry = ShardRegistry.builder()
                .shard("a", H2ShardFixtures.pool("no-micrometer-a"))
                .shard("b", H2ShardFixtures.pool("no-micrometer-b"))
                .build();
             ScatterGatherExecutor scatter = ScatterGatherExecutor.builder().metrics(ShardingMetrics.NOOP).build()) {
            ShardingRule rule = ShardingRule.over("orders", registry, ShardingStrategies.hash(registry.size()));
            ShardRoutingDataSource routing = ShardRoutingDataSource.create();
            for (var shard : registry.shards()) {
                try (ShardScope ignored = registry.bind(shard.name()); Connection c = routing.getConnection();
                     Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE orders(customer_id BIGINT)");
                }
            }
            for (long customer = 1; customer <= 100; customer++) {
                try (ShardScope ignored = registry.bind(rule.shardOf(customer).name());
                     Connection c = routing.getConnection(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO orders VALUES (" + customer + ")");
                }
            }
            long total = scatter.onEveryShard(rule, request -> {
                try (Connection c = routing.getConnection(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }, Merges.sumLong()).value();
            assertThat(total).isEqualTo(100);
        }
    }
}
