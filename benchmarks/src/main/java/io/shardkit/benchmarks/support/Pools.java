package io.shardkit.benchmarks.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.ShardPoolConfig;

/**
 * The one pool configuration every peer uses (fixed size, same timeouts), so that no peer wins by pooling.
 *
 * <p>Stateless and thread-safe.
 */
public final class Pools {

    private Pools() {
    }

    /** A fixed-size HikariCP pool on one shard. */
    public static HikariDataSource hikari(H2Shards shards, int index, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(H2Shards.shardName(index));
        config.setJdbcUrl(shards.url(index));
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(ShardPoolConfig.DEFAULT_CONNECTION_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }

    /** The same pool described for shardkit's registry. */
    public static ShardPoolConfig shardkit(H2Shards shards, int index, int size) {
        return ShardPoolConfig.custom().url(shards.url(index)).username("sa").password("")
                .maximumPoolSize(size).minimumIdle(size).build();
    }

    /** Closes the pools, ignoring nulls left by a failed start. */
    static void closeAll(HikariDataSource[] pools) {
        for (HikariDataSource pool : pools) {
            if (pool != null) {
                pool.close();
            }
        }
    }
}
