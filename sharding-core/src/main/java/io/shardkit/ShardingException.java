package io.shardkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Root of every failure shardkit reports. Unchecked, so it crosses repository and service layers without
 * ceremony; each subclass names one kind of failure and carries the rule, key and shard involved, where they
 * are known, so callers and logs can react to data rather than parse messages.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String rule;
    private final transient @Nullable Object key;
    private final @Nullable String shard;

    public ShardingException(String message) {
        this(message, null, null, null, null);
    }

    public ShardingException(String message, @Nullable Throwable cause) {
        this(message, null, null, null, cause);
    }

    protected ShardingException(String message, @Nullable String rule, @Nullable Object key, @Nullable String shard,
                                @Nullable Throwable cause) {
        super(message, cause);
        this.rule = rule;
        this.key = key;
        this.shard = shard;
    }

    /** The message the exception was built with; never null, so callers can pass it on as it is. */
    @Override
    public String getMessage() {
        return Objects.requireNonNull(super.getMessage());
    }

    /** The rule being applied when the failure happened, or {@code null} when no rule was involved. */
    public @Nullable String getRule() {
        return rule;
    }

    /** The shard key involved, or {@code null} when none was (or the key itself was null). */
    public @Nullable Object getKey() {
        return key;
    }

    /** The shard involved, or {@code null} when the failure happened before a shard was chosen. */
    public @Nullable String getShard() {
        return shard;
    }

    /**
     * Describes a key for a message as {@code [type value]}, e.g. {@code [java.lang.Long 42]}, so that a
     * {@code "42"} String and a {@code 42} Long can be told apart in logs.
     */
    public static String describeKey(@Nullable Object key) {
        return key == null ? "[null]" : "[" + key.getClass().getName() + " " + key + "]";
    }
}
