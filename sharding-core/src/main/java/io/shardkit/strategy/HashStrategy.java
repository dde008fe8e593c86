package io.shardkit.strategy;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingStrategy;
import io.shardkit.internal.JumpHash;
import io.shardkit.internal.KeyHash;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Hash placement: the key's {@link KeyHash} (murmur3 x64 128 over its canonical bytes, a persisted contract
 * pinned by golden tests), then jump consistent hash or unsigned modulo over the shard count. Keys other than
 * {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code String} and {@code UUID} are refused.
 *
 * <p>Immutable and thread-safe; {@link #shardOf} allocates nothing for numeric and UUID keys.
 */
final class HashStrategy implements ShardingStrategy {

    private final int shards;
    private final HashAlgorithm algorithm;

    HashStrategy(int shards, HashAlgorithm algorithm) {
        if (shards < 1) {
            throw new ShardingConfigurationException("shard count must be >= 1 but was " + shards);
        }
        this.shards = shards;
        this.algorithm = algorithm;
    }

    @Override
    public int shardCount() {
        return shards;
    }

    @Override
    public String describe() {
        return "hash(" + algorithm.name().toLowerCase(Locale.ROOT) + ", " + shards + " shards)";
    }

    @Override
    public String fingerprint() {
        return "hash(algorithm=" + algorithm.name().toLowerCase(Locale.ROOT) + ", hash=murmur3-x64-128, slots="
                + shards + ")";
    }

    @Override
    public int shardOf(String rule, @Nullable Object key) {
        return slot(KeyHash.of(rule, key));
    }

    int slot(long hash) {
        return algorithm == HashAlgorithm.JUMP
                ? JumpHash.bucket(hash, shards)
                : (int) Long.remainderUnsigned(hash, shards);
    }
}
