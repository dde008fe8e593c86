package io.shardkit.it.support;

import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A set of databases a test created to serve as shards, shard 0 first: databases on a shared server
 * ({@link ShardDatabases}) or one server per shard ({@link PgClusters}).
 *
 * <p>Implementations are safe to read from several threads once set up.
 */
public interface ShardDatabaseSet extends AutoCloseable {

    /** How many databases (shards) there are. */
    int size();

    /** The pool config of database {@code i}, with the test defaults (small pool, short timeouts). */
    ShardPoolConfig.Builder poolConfig(int i);

    /** A registry with one shard {@code shard-<i>} per database, each pool config adjusted by {@code tune}. */
    default ShardRegistry registry(UnaryOperator<ShardPoolConfig.Builder> tune) {
        ShardRegistryBuilder builder = ShardRegistry.builder();
        for (int i = 0; i < size(); i++) {
            builder.shard("shard-" + i, tune.apply(poolConfig(i)).build());
        }
        return builder.build();
    }

    /** A registry with the test defaults. */
    default ShardRegistry registry() {
        return registry(UnaryOperator.identity());
    }

    /**
     * The starter's {@code shardkit.shards.*} properties declaring one shard {@code shard-<i>} per database, with
     * the test pool defaults, for an application context on these databases.
     */
    default Map<String, String> shardkitProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < size(); i++) {
            ShardPoolConfig config = poolConfig(i).build();
            String prefix = "shardkit.shards.shard-" + i + ".";
            properties.put(prefix + "index", Integer.toString(i));
            properties.put(prefix + "url", config.url());
            properties.put(prefix + "username", String.valueOf(config.username()));
            properties.put(prefix + "password", config.password() == null ? "" : config.password());
            properties.put(prefix + "pool.maximum-pool-size", Integer.toString(config.maximumPoolSize()));
            properties.put(prefix + "pool.connection-timeout", config.connectionTimeout().toMillis() + "ms");
        }
        return properties;
    }

    /** Removes the databases; never throws, so that every one is tried. */
    @Override
    void close();
}
