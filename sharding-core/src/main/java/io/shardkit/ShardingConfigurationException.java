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

    public ShardingConfigurationException(String message) {
        this(null, message, null);
    }

    public ShardingConfigurationException(@Nullable String property, String message, @Nullable Throwable cause) {
        super(property == null ? message : "Invalid configuration at '" + property + "': " + message,
                null, null, null, cause);
        this.property = property;
    }

    /** The configuration property path at fault (e.g. {@code shardkit.rules.orders.shards[2]}), if known. */
    public @Nullable String getProperty() {
        return property;
    }
}
