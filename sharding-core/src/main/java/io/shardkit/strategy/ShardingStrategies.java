package io.shardkit.strategy;

import io.shardkit.NamedShardingStrategy;
import io.shardkit.Shard;
import io.shardkit.ShardingStrategy;
import io.shardkit.bucket.BucketMap;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.directory.DirectoryStrategy;
import io.shardkit.id.IdLayout;
import java.util.List;
import java.util.Objects;

/**
 * Static factories for the built-in strategies. The returned implementations are immutable and thread-safe.
 *
 * <p><b>Compatibility:</b> the key-to-shard mapping of each strategy is pinned by golden tests and will not
 * change within a major version; data already written depends on it.
 */
public final class ShardingStrategies {

    private ShardingStrategies() {
    }

    /** Hash placement with jump consistent hash over {@code shardCount} shards. */
    public static ShardingStrategy hash(int shardCount) {
        return hash(shardCount, HashAlgorithm.JUMP);
    }

    /** Hash placement with the given algorithm over {@code shardCount} shards. */
    public static ShardingStrategy hash(int shardCount, HashAlgorithm algorithm) {
        return new HashStrategy(shardCount, Objects.requireNonNull(algorithm, "algorithm"));
    }

    /**
     * Starts a range strategy over keys of {@code keyType}: {@code Long} (which also takes {@code Integer},
     * {@code Short} and {@code Byte} keys, widened), {@code BigDecimal}, {@code String}, {@code LocalDate} or
     * {@code Instant}. Keys are compared with their natural order ({@code String} by UTF-16 code units,
     * {@code BigDecimal} ignoring scale); other key types fail with {@link io.shardkit.InvalidShardKeyException}.
     *
     * @throws io.shardkit.ShardingConfigurationException for any other {@code keyType}
     */
    public static <C extends Comparable<? super C>> RangeStrategyBuilder<C> range(Class<C> keyType) {
        return new RangeStrategyBuilder<>(keyType);
    }

    /**
     * Id placement over {@code shardCount} shards (1 to 1024) for ids in {@link IdLayout#DEFAULT}: the shard is
     * the index embedded in an id from {@link io.shardkit.id.ShardIdGenerator}. The rule must list its shards in
     * the order the ids were minted for (see {@link io.shardkit.id.ShardIdGenerator#nextIdFor}).
     *
     * @throws io.shardkit.ShardingConfigurationException when {@code shardCount} is not in [1..1024]
     */
    public static ShardingStrategy id(int shardCount) {
        return id(shardCount, IdLayout.DEFAULT);
    }

    /**
     * Id placement over {@code shardCount} shards for ids minted with {@code layout}: the shard bits are read
     * where that layout put them, so it must be the layout of the generator that minted the ids (a different
     * layout decodes other bits, and routes to the wrong shard).
     *
     * @throws io.shardkit.ShardingConfigurationException when {@code shardCount} is not in
     *                                                     [1..{@code layout.maxShards()}]
     */
    public static ShardingStrategy id(int shardCount, IdLayout layout) {
        return new IdStrategy(shardCount, Objects.requireNonNull(layout, "layout"));
    }

    /**
     * Directory placement over the shards {@code shardNames} (the rule's shard names, slot 0 first), with the
     * directory table on {@code home}. See {@link DirectoryStrategy} for lookup, placement of new keys and moves.
     */
    public static DirectoryStrategy directory(Shard home, List<String> shardNames, DirectoryConfig config) {
        return DirectoryStrategy.create(home, shardNames, config);
    }

    /** Directory placement with {@link DirectoryConfig#ofDefaults()}. */
    public static DirectoryStrategy directory(Shard home, List<String> shardNames) {
        return directory(home, shardNames, DirectoryConfig.ofDefaults());
    }

    /**
     * Bucketed placement for rule {@code rule} over {@code shards} with {@link BucketedStrategy#DEFAULT_BUCKETS}
     * buckets, the map stored in every shard's {@code shardkit_bucket_map} (created and seeded when missing). See
     * {@link BucketedStrategy}.
     */
    public static BucketedStrategy bucketed(String rule, List<Shard> shards) {
        return bucketed(rule, shards, BucketedStrategy.DEFAULT_BUCKETS);
    }

    /** Bucketed placement with {@code buckets} buckets (fixed for the life of the rule). */
    public static BucketedStrategy bucketed(String rule, List<Shard> shards, int buckets) {
        return BucketedStrategy.create(rule, shards, buckets);
    }

    /** Bucketed placement over an in-memory map: no table (tests, benchmarks, what-if plans). */
    public static BucketedStrategy bucketed(String rule, BucketMap map) {
        return BucketedStrategy.inMemory(rule, map);
    }

    /**
     * Id placement for ids minted for a bucketed rule with {@code layout}: the id's shard field is its bucket, and
     * the shard is the bucket's owner in {@code buckets}' current map, so ids survive moves.
     */
    public static NamedShardingStrategy bucketedId(BucketedStrategy buckets, IdLayout layout) {
        return new BucketIdStrategy(Objects.requireNonNull(buckets, "buckets"), Objects.requireNonNull(layout,
                "layout"));
    }
}
