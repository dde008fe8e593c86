package io.shardkit.directory;

import io.shardkit.Shard;
import io.shardkit.ShardingStrategy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Directory placement: a table maps each key to the name of its shard, read through a Caffeine cache. For keys
 * that must sit on a chosen shard (a big merchant on its own shard, a tenant moved off a hot shard) rather than
 * where a hash puts them.
 *
 * <p><b>Lookup.</b> {@link #shardOf} serves cached keys from memory without touching the database. On a miss
 * it reads the key's row; a key with no row is placed by the {@link PlacementPolicy} (hash by default) and
 * written insert-if-absent, then the row is read back and what is stored wins: two nodes racing on the same
 * new key agree on one shard. The table lives on a shard the caller names (its "home"); each lookup uses a
 * short auto-commit connection of its own, outside any transaction of the caller.
 *
 * <p><b>Slots.</b> The strategy takes the rule's shard names, in the rule's order, when it is built, and maps a
 * row's shard name to its position. The rule must list the same shards in the same order. A row naming a shard
 * that is not in the list fails with {@link io.shardkit.UnknownShardException} naming rule, key and shard.
 *
 * <p><b>Moving a key.</b> Copy the key's rows to the target shard, call {@link #move}, then delete them from
 * the source. {@code move} updates the row and invalidates this instance's cache entry; other instances (other
 * nodes) keep their cached entry until they {@link #invalidate} it or it expires after
 * {@link DirectoryConfig#cacheTtl()} - size that TTL to how long stale routing may last.
 *
 * <p><b>Failures.</b> A missing table is a {@link DirectoryTableMissingException} naming the table and the DDL
 * to run ({@link DirectoryDialect}); an unreachable home shard a {@link io.shardkit.ShardUnavailableException}
 * naming it; any other database error a {@link DirectoryException}.
 *
 * <p>Keys: {@code Long}, {@code Integer}, {@code Short}, {@code Byte} (one key space: {@code 42} and {@code 42L}
 * are the same key), {@code UUID}, and {@code String} of at most 255 characters.
 *
 * <p>Thread-safe. Concurrent misses on one key in one instance load it once; while they do, Caffeine may hold
 * back other loads that hash to the same internal bin, so give the home shard's pool a short connection
 * timeout.
 */
public interface DirectoryStrategy extends ShardingStrategy {

    /**
     * A directory over {@code shardNames} whose table lives on {@code home}.
     *
     * @param home       the shard (or any named DataSource) holding the directory table
     * @param shardNames the rule's shard names, slot 0 first
     * @param config     table, cache and placement settings
     */
    static DirectoryStrategy create(Shard home, List<String> shardNames, DirectoryConfig config) {
        Objects.requireNonNull(home, "home");
        return create(home.name(), home.dataSource(), shardNames, config);
    }

    /**
     * A directory over {@code shardNames} whose table lives in {@code dataSource}.
     *
     * @param homeShard  the name of the database holding the table, for errors and logs
     * @param dataSource where the table lives
     * @param shardNames the rule's shard names, slot 0 first
     * @param config     table, cache and placement settings
     */
    static DirectoryStrategy create(String homeShard, DataSource dataSource, List<String> shardNames,
                                    DirectoryConfig config) {
        return new JdbcDirectoryStrategy(homeShard, dataSource, shardNames, config);
    }

    /** The shard names the slots stand for, slot 0 first. */
    List<String> shardNames();

    /** The directory table. */
    String tableName();

    /** The shard name the table holds for {@code key}, read now (bypassing the cache); empty when unplaced. */
    Optional<String> lookup(Object key);

    /**
     * Points {@code key} at {@code targetShard} (inserting its row if it had none) and drops it from this
     * instance's cache. Moves no data: copy the key's rows first.
     *
     * @throws io.shardkit.UnknownShardException when {@code targetShard} is not one of {@link #shardNames()}
     */
    void move(Object key, String targetShard);

    /** Drops {@code key} from this instance's cache, so the next lookup reads the table. */
    void invalidate(Object key);

    /** Empties this instance's cache. */
    void invalidateAll();
}
