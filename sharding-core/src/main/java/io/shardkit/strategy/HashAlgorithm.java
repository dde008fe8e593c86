package io.shardkit.strategy;

/**
 * How a hash strategy turns a key's 64-bit murmur3 hash into a slot. Part of the persisted mapping: switching
 * a rule from one to the other remaps most keys.
 */
public enum HashAlgorithm {
    /**
     * Jump consistent hash (Lamping and Veach; Guava's {@code Hashing.consistentHash}). Growing from N to N+1
     * shards moves only about 1/(N+1) of the keys. The default.
     */
    JUMP,
    /**
     * Unsigned remainder of the hash by the shard count. Simple and familiar, but growing the shard count
     * moves most keys.
     */
    MODULO
}
