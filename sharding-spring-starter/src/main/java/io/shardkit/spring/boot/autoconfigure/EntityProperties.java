package io.shardkit.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * One entity class under {@code shardkit.entities[<class>]}: where it keeps its shard key, for classes that cannot
 * carry {@code @ShardKey} on the field themselves.
 *
 * <pre>
 * shardkit:
 *   entities:
 *     "[com.acme.orders.LegacyOrder]": { key: custNo, rule: orders }
 * </pre>
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
public class EntityProperties {

    /** The field or record component holding the entity's shard key. Required. */
    private @Nullable String key;

    /** The rule the key routes by; the default rule when not set. */
    private @Nullable String rule;

    public @Nullable String getKey() {
        return key;
    }

    public void setKey(@Nullable String key) {
        this.key = key;
    }

    public @Nullable String getRule() {
        return rule;
    }

    public void setRule(@Nullable String rule) {
        this.rule = rule;
    }
}
