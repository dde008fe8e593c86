package io.shardkit.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code shardkit.entities.*}: the shard keys of entity classes that cannot carry {@code @ShardKey}, by fully
 * qualified class name (in brackets, since the name has dots):
 *
 * <pre>
 * shardkit:
 *   entities:
 *     "[com.acme.orders.LegacyOrder]": { key: custNo, rule: orders }
 * </pre>
 *
 * <p>Mutable for binding only; not thread-safe until bound.
 */
@ConfigurationProperties(prefix = "shardkit")
public class EntityKeyProperties {

    /** Entity classes (fully qualified names) and where each keeps its shard key; wins over {@code @ShardKey}. */
    private Map<String, Entity> entities = new LinkedHashMap<>();

    public Map<String, Entity> getEntities() {
        return entities;
    }

    public void setEntities(Map<String, Entity> entities) {
        this.entities = entities;
    }

    /** One entity class's shard key. */
    public static class Entity {

        /** The field or record component holding the shard key. Required. */
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
}
