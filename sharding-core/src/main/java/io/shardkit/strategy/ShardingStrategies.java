package io.shardkit.strategy;

import io.shardkit.Shard;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.directory.DirectoryStrategy;
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
     * Id placement over {@code shardCount} shards (1 to 1024): the shard is the index embedded in an id from
     * {@link io.shardkit.id.ShardIdGenerator}. The rule must list its shards in the order the ids were minted
     * for (see {@link io.shardkit.id.ShardIdGenerator#nextIdFor}).
     */
    public static ShardingStrategy id(int shardCount) {
        return new IdStrategy(shardCount);
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
}
