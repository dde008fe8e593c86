package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * A shard key the rule cannot take: {@code null}, or of a type the strategy does not map.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidShardKeyException extends ShardingException {

    private static final long serialVersionUID = 1L;

    /**
     * @param rule     the rule that refused the key
     * @param key      the key as given, possibly {@code null}
     * @param expected what the rule takes, e.g. {@code "a non-null Long, Integer, String or UUID"}
     */
    public InvalidShardKeyException(String rule, @Nullable Object key, String expected) {
        this(rule, key, expected, null);
    }

    public InvalidShardKeyException(String rule, @Nullable Object key, String expected, @Nullable String where) {
        super("Rule '" + rule + "': key " + describeKey(key) + (where == null ? "" : " (from " + where + ")")
                + " is not a valid shard key; expected " + expected, rule, key, null, null);
    }

    /** For subclasses that word their own message (e.g. a malformed id); {@code rule} may be unknown. */
    protected InvalidShardKeyException(String message, @Nullable String rule, @Nullable Object key) {
        super(message, rule, key, null, null);
    }
}
