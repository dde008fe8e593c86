package io.shardkit.directory;

import java.util.List;
import java.util.Objects;

/**
 * Chooses the shard of a key that a {@link DirectoryStrategy}'s table does not hold yet. Its answer is written
 * insert-if-absent: when two nodes place the same new key at once, the first row written wins and both use it,
 * so a policy may be non-deterministic (least loaded shard, newest shard, random).
 *
 * <p>Implementations must be thread-safe. The policy runs once per new key, on a cache miss, while the
 * directory holds a database connection: keep it quick and free of I/O of its own.
 */
@FunctionalInterface
public interface PlacementPolicy {

    /**
     * The shard for a new key.
     *
     * @param rule   the rule placing the key, for error messages
     * @param key    the key in its canonical type: {@code Long} (for any integral key), {@code String} or
     *               {@code UUID}
     * @param shards the directory's shard names, in slot order
     * @return one of {@code shards}; any other name fails the call with {@link io.shardkit.UnknownShardException}
     */
    String place(String rule, Object key, List<String> shards);

    /**
     * Places a key where {@code ShardingStrategies.hash(int)} over the directory's shards would: a new key
     * lands on the same shard as under a hash rule, so a hash rule can become a directory rule without moving
     * rows. The default.
     */
    static PlacementPolicy hash() {
        return HashPlacement.INSTANCE;
    }

    /** Places every new key on {@code shard}, e.g. a freshly added, empty shard. */
    static PlacementPolicy fixed(String shard) {
        Objects.requireNonNull(shard, "shard");
        return new PlacementPolicy() {
            @Override
            public String place(String rule, Object key, List<String> shards) {
                return shard;
            }

            @Override
            public String toString() {
                return "fixed(" + shard + ")";
            }
        };
    }
}
