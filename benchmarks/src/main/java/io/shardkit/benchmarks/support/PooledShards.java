package io.shardkit.benchmarks.support;

import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.ShardingRule;
import java.util.List;

/**
 * The same shards opened twice with the same pool size: as plain HikariCP pools for the direct baseline, and as
 * a shardkit {@link ShardRegistry} with the {@code orders} rule over it (same placement), for benchmarks that
 * measure both side by side.
 *
 * <p>Thread-safe once opened; {@link #close()} closes both sets of pools, not the databases.
 */
public final class PooledShards implements AutoCloseable {

    private final HikariDataSource[] pools;
    private final ShardRegistry registry;
    private final ShardingRule rule;

    private PooledShards(HikariDataSource[] pools, ShardRegistry registry, ShardingRule rule) {
        this.pools = pools;
        this.registry = registry;
        this.rule = rule;
    }

    /** Opens pools of {@code poolSize} connections per shard, both the plain ones and shardkit's. */
    public static PooledShards open(H2Shards shards, int poolSize) {
        HikariDataSource[] pools = new HikariDataSource[shards.count()];
        try {
            ShardRegistryBuilder builder = ShardRegistry.builder();
            for (int i = 0; i < pools.length; i++) {
                pools[i] = Pools.hikari(shards, i, poolSize);
                builder.shard(H2Shards.shardName(i), Pools.shardkit(shards, i, poolSize));
            }
            ShardRegistry registry = builder.build();
            return new PooledShards(pools, registry, ShardingRule.over(H2Shards.RULE, registry, shards.strategy()));
        } catch (RuntimeException ex) {
            Pools.closeAll(pools);
            throw ex;
        }
    }

    /** The plain pool of the shard at {@code index}. */
    public HikariDataSource pool(int index) {
        return pools[index];
    }

    /** Every plain pool, in shard order. */
    public List<HikariDataSource> pools() {
        return List.of(pools);
    }

    /** shardkit's registry over the same shards. */
    public ShardRegistry registry() {
        return registry;
    }

    /** shardkit's rule over the registry's shards, placing keys as the plain pools' callers do. */
    public ShardingRule rule() {
        return rule;
    }

    @Override
    public void close() {
        Pools.closeAll(pools);
        registry.close();
    }
}
