package io.shardkit.strategy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.internal.JumpHash;
import io.shardkit.internal.Murmur3;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Hash placement: murmur3 x64 128 (seed 0, first 64 bits) over the key's canonical bytes, then jump
 * consistent hash or unsigned modulo over the shard count.
 *
 * <p>Canonical bytes (a persisted contract, pinned by golden tests): {@code Long}, {@code Integer},
 * {@code Short}, {@code Byte} as the 8 big-endian bytes of the value widened to long (so {@code 42} and
 * {@code 42L} share a shard); {@code String} as UTF-8; {@code UUID} as 16 bytes, most significant half first,
 * each big-endian. Any other type is refused.
 *
 * <p>Immutable and thread-safe; {@link #shardOf} allocates nothing for numeric and UUID keys.
 */
final class HashStrategy implements ShardingStrategy {

    static final String SUPPORTED = "a non-null Long, Integer, Short, Byte, String or UUID";

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
        return slot(hash(rule, key));
    }

    int slot(long hash) {
        return algorithm == HashAlgorithm.JUMP
                ? JumpHash.bucket(hash, shards)
                : (int) Long.remainderUnsigned(hash, shards);
    }

    static long hash(String rule, @Nullable Object key) {
        if (key instanceof Long l) {
            return Murmur3.hashLongBigEndian(l);
        }
        if (key instanceof Integer i) {
            return Murmur3.hashLongBigEndian(i);
        }
        if (key instanceof String s) {
            return Murmur3.hashUtf8(s);
        }
        if (key instanceof UUID u) {
            return Murmur3.hash128BigEndian(u.getMostSignificantBits(), u.getLeastSignificantBits());
        }
        if (key instanceof Short || key instanceof Byte) {
            return Murmur3.hashLongBigEndian(((Number) key).longValue());
        }
        throw new InvalidShardKeyException(rule, key, SUPPORTED);
    }
}
