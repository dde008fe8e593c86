package io.shardkit.it.support;

import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
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

    /** Removes the databases; never throws, so that every one is tried. */
    @Override
    void close();
}
