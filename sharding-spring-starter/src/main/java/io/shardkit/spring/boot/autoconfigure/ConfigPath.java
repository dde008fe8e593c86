package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingConfigurationException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one way the starter names a configuration property in its failures: {@code shardkit.rules.orders.ranges[1]},
 * built from the prefix down, and the failures themselves, so that every message starts with the property at fault.
 *
 * <p>Immutable and thread-safe.
 */
final class ConfigPath {

    static final ConfigPath SHARDKIT = new ConfigPath(ShardkitProperties.PREFIX);

    private final String path;

    private ConfigPath(String path) {
        this.path = path;
    }

    /** A property path as written, e.g. one Spring Boot names. */
    static ConfigPath of(String path) {
        return new ConfigPath(path);
    }

    /** {@code shardkit.shards.<name>}. */
    static ConfigPath shard(String name) {
        return SHARDKIT.child("shards").key(name);
    }

    /** {@code shardkit.rules.<name>}. */
    static ConfigPath rule(String name) {
        return SHARDKIT.child("rules").key(name);
    }

    /** A property below this one, in its dashed form, e.g. {@code pool.maximum-pool-size}. */
    ConfigPath child(String name) {
        return new ConfigPath(path + "." + name);
    }

    /** A map key below this one; in brackets when it holds more than letters, digits and dashes. */
    ConfigPath key(String key) {
        return new ConfigPath(path + (key.matches("[A-Za-z0-9-]+") ? "." + key : "[" + key + "]"));
    }

    /** A list element below this one. */
    ConfigPath index(int index) {
        return new ConfigPath(path + "[" + index + "]");
    }

    /** A start-up failure at this property. */
    ShardingConfigurationException fail(String message) {
        return fail(message, null, null);
    }

    /** A start-up failure at this property, with what to do and the failure it explains. */
    ShardingConfigurationException fail(String message, @Nullable String action, @Nullable Throwable cause) {
        return new ShardingConfigurationException(path, message, action, cause);
    }

    /** Runs {@code step}, re-raising a core configuration failure that names no property as one at this one. */
    <T> T at(Supplier<T> step) {
        try {
            return step.get();
        } catch (ShardingConfigurationException ex) {
            if (ex.getProperty() != null) {
                throw ex;
            }
            throw fail(ex.getMessage(), ex.getAction(), ex);
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
