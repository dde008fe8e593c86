package io.shardkit.benchmarks.support;

import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Peer (b), shardkit's core API without Spring: the rule picks the shard, {@link ShardContext#bind} binds it,
 * and the statement runs on the {@link ShardRoutingDataSource} as application code would.
 *
 * <p>Thread-safe.
 */
final class ShardkitStore implements OrderStore {

    private final ShardRegistry registry;
    private final ShardingRule rule;
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();

    ShardkitStore(H2Shards shards, int poolSize) {
        ShardRegistryBuilder builder = ShardRegistry.builder();
        for (int i = 0; i < shards.count(); i++) {
            builder.shard(H2Shards.shardName(i), Pools.shardkit(shards, i, poolSize));
        }
        this.registry = builder.build();
        this.rule = ShardingRule.over(H2Shards.RULE, registry, shards.strategy());
    }

    @Override
    public @Nullable Order find(long orderId) throws SQLException {
        try (ShardScope ignored = ShardContext.bind(rule.shardOf(orderId))) {
            return OrderSql.find(routing, orderId);
        }
    }

    @Override
    public void insert(Order order) throws SQLException {
        try (ShardScope ignored = ShardContext.bind(rule.shardOf(order.orderId()))) {
            OrderSql.insert(routing, order);
        }
    }

    @Override
    public void close() {
        registry.close();
    }
}
