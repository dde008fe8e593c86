package io.shardkit;

import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The named shards of an application, each a {@link DataSource}: either a HikariCP pool the registry builds
 * from a {@link ShardPoolConfig} (the pool is named after the shard) or a DataSource the caller hands in.
 *
 * <p>Each shard has an {@link Shard#index()}: the one given to the builder, or, when none was, its place in the
 * order the shards were added. Rules over every shard use that order.
 * {@link #close()} closes the pools the registry built, and only those: a DataSource handed in stays the
 * caller's to close.
 *
 * <p>Implementations are immutable after construction and thread-safe.
 */
public interface ShardRegistry extends AutoCloseable {

    /** Starts a registry; shards are indexed as given, or in the order added when no index is given. */
    static ShardRegistryBuilder builder() {
        return new ShardRegistryBuilder();
    }

    /** The shard of that name; {@link UnknownShardException} naming the known shards when there is none. */
    Shard shard(String name);

    /** The shard at that index; {@link UnknownShardException} when out of bounds. */
    Shard shard(int index);

    /** Whether a shard of that name exists. */
    boolean contains(String name);

    /** Every shard, in index order. */
    List<Shard> shards();

    /** Every shard name, in index order. */
    Set<String> names();

    default int size() {
        return shards().size();
    }

    /** Binds the named shard to the current thread; shorthand for {@code ShardContext.bind(shard(name))}. */
    default ShardScope bind(String name) {
        return ShardContext.bind(shard(name));
    }

    /** Closes the pools this registry built. Idempotent. */
    @Override
    void close();
}
