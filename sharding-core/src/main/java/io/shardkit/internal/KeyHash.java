package io.shardkit.internal;

import io.shardkit.InvalidShardKeyException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The 64-bit hash of a shard key over its canonical bytes: murmur3 x64 128 (seed 0, first 64 bits) of a
 * {@code Long}, {@code Integer}, {@code Short} or {@code Byte} as the 8 big-endian bytes of the value widened to
 * long (so {@code 42} and {@code 42L} hash alike), a {@code String} as UTF-8, a {@code UUID} as 16 bytes, most
 * significant half first. One place for the hash rules and the directory's hash placement, which must agree:
 * the mapping is a persisted contract, pinned by golden tests.
 *
 * <p>Stateless and thread-safe; allocates nothing for numeric and UUID keys.
 */
public final class KeyHash {

    /** What {@link #of} takes, for messages. */
    public static final String SUPPORTED = "a non-null Long, Integer, Short, Byte, String or UUID";

    private KeyHash() {
    }

    /**
     * The hash of {@code key}.
     *
     * @throws InvalidShardKeyException naming {@code rule} for {@code null} and any other key type
     */
    public static long of(String rule, @Nullable Object key) {
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
        throw InvalidShardKeyException.unsupported(rule, key, SUPPORTED);
    }
}
