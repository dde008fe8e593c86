package io.shardkit.benchmarks.support;

import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.ShardingStrategy;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Peer (a), the floor: the shard is computed inline and the call goes straight to that shard's pool. No
 * context, no routing DataSource, no proxy.
 *
 * <p>Thread-safe.
 */
final class DirectStore implements OrderStore {

    private final ShardingStrategy strategy;
    private final HikariDataSource[] pools;

    DirectStore(H2Shards shards, int poolSize) {
        this.strategy = shards.strategy();
        this.pools = new HikariDataSource[shards.count()];
        try {
            for (int i = 0; i < pools.length; i++) {
                pools[i] = Pools.hikari(shards, i, poolSize);
            }
        } catch (RuntimeException ex) {
            Pools.closeAll(pools);
            throw ex;
        }
    }

    @Override
    public @Nullable Order find(long orderId) throws SQLException {
        return OrderSql.find(pools[strategy.shardOf(H2Shards.RULE, orderId)], orderId);
    }

    @Override
    public void insert(Order order) throws SQLException {
        OrderSql.insert(pools[strategy.shardOf(H2Shards.RULE, order.orderId())], order);
    }

    @Override
    public void close() {
        Pools.closeAll(pools);
    }
}
