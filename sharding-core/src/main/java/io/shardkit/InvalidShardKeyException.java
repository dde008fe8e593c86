package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * A shard key the rule cannot take: {@code null}, or of a type the strategy does not map.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidShardKeyException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String expected;

    /**
     * @param rule     the rule that refused the key
     * @param key      the key as given, possibly {@code null}
     * @param expected what the rule takes, e.g. {@code "a non-null Long, Integer, String or UUID"}
     */
    public InvalidShardKeyException(String rule, @Nullable Object key, String expected) {
        this(rule, key, expected, null);
    }

    public InvalidShardKeyException(String rule, @Nullable Object key, String expected, @Nullable String where) {
        this(rule, key, expected, where, null);
    }

    /**
     * @param where where the key came from (e.g. the annotated method and its key expression), or {@code null}
     * @param cause the failure this one adds context to (e.g. the strategy's own refusal), or {@code null}
     */
    public InvalidShardKeyException(String rule, @Nullable Object key, String expected, @Nullable String where,
                                    @Nullable Throwable cause) {
        super("Rule '" + rule + "': key " + describeKey(key) + (where == null ? "" : " (from " + where + ")")
                + " is not a valid shard key; expected " + expected, rule, key, null, cause);
        this.expected = expected;
    }

    /** What the rule takes, e.g. {@code "a non-null Long, Integer, String or UUID"}. */
    public String getExpected() {
        return expected;
    }

    /**
     * For subclasses that word their own message (e.g. a malformed id); {@code rule} may be unknown. Their
     * {@link #getExpected()} is that whole message.
     */
    protected InvalidShardKeyException(String message, @Nullable String rule, @Nullable Object key) {
        super(message, rule, key, null, null);
        this.expected = message;
    }
}
