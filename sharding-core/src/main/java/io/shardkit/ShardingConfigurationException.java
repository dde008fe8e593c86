package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * Misconfiguration found while building shards, rules or their configuration: an empty shard list, a rule
 * naming an unknown shard, overlapping ranges, a missing url. Thrown at start-up, never per call. When the
 * configuration came from properties, {@link #getProperty()} names the offending property path.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardingConfigurationException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String property;
    private final @Nullable String action;

    public ShardingConfigurationException(String message) {
        this(null, message, null);
    }

    public ShardingConfigurationException(@Nullable String property, String message, @Nullable Throwable cause) {
        this(property, message, null, cause);
    }

    /**
     * @param action what to do about it, in a sentence or a few lines to write; {@code null} when the message
     *               says it
     */
    public ShardingConfigurationException(@Nullable String property, String message, @Nullable String action,
                                          @Nullable Throwable cause) {
        super(property == null ? message : "Invalid configuration at '" + property + "': " + message,
                null, null, null, cause);
        this.property = property;
        this.action = action;
    }

    /** What to do about it (lines to write, a step to take), when the failure knows more than its message. */
    public @Nullable String getAction() {
        return action;
    }

    /** The configuration property path at fault (e.g. {@code shardkit.rules.orders.shards[2]}), if known. */
    public @Nullable String getProperty() {
        return property;
    }
}
