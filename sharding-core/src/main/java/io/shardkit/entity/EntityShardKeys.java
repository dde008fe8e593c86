package io.shardkit.entity;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.annotation.ShardKey;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which entity types carry a shard key, and where: declared by {@link ShardKey} on a field or record component
 * (looked up once per class, superclasses included), or by configuration ({@link Builder#entity}), which wins over
 * the annotation. A type with neither carries no key and is not checked.
 *
 * <pre>{@code
 * record Order(@Id Long id, @ShardKey(rule = "orders") long customerId, long totalCents) { }
 *
 * EntityShardKeys keys = EntityShardKeys.builder()
 *         .entity(LegacyOrder.class, "orders", "custNo")    // a class you cannot annotate
 *         .build();
 * }</pre>
 *
 * <p>Two {@code @ShardKey} fields in one type fail its first lookup with a {@link ShardingConfigurationException}
 * naming both. Immutable and thread-safe; lookups after the first per class cost one {@link ClassValue} read.
 */
public final class EntityShardKeys {

    private static final EntityShardKeys ANNOTATED = new EntityShardKeys(Map.of());

    private final Map<Class<?>, EntityShardKey> configured;
    private final ClassValue<Optional<EntityShardKey>> resolved = new ClassValue<>() {
        @Override
        protected Optional<EntityShardKey> computeValue(Class<?> type) {
            return Optional.ofNullable(resolve(type));
        }
    };

    private EntityShardKeys(Map<Class<?>, EntityShardKey> configured) {
        this.configured = configured;
    }

    /** Keys declared by {@link ShardKey} only. */
    public static EntityShardKeys annotated() {
        return ANNOTATED;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where instances of {@code type} keep their shard key; empty when they keep none. */
    public Optional<EntityShardKey> of(Class<?> type) {
        return resolved.get(Objects.requireNonNull(type, "type"));
    }

    private @Nullable EntityShardKey resolve(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            EntityShardKey key = configured.get(c);
            if (key != null) {
                return key;
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            EntityShardKey key = annotatedKey(c);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    private static @Nullable EntityShardKey annotatedKey(Class<?> type) {
        String property = null;
        String rule = "";
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                ShardKey key = component.getAnnotation(ShardKey.class);
                if (key != null) {
                    property = second(type, property, component.getName());
                    rule = key.rule();
                }
            }
        } else {
            for (Field field : type.getDeclaredFields()) {
                ShardKey key = field.getAnnotation(ShardKey.class);
                if (key != null) {
                    property = second(type, property, field.getName());
                    rule = key.rule();
                }
            }
        }
        return property == null ? null : EntityShardKey.of(type, rule, property);
    }

    private static String second(Class<?> type, @Nullable String first, String next) {
        if (first != null) {
            throw new ShardingConfigurationException("entity [" + type.getName() + "] has two @ShardKey fields, '"
                    + first + "' and '" + next + "'; an entity has one shard key");
        }
        return next;
    }

    /** Builder of {@link EntityShardKeys}; not thread-safe. */
    public static final class Builder {
        private final Map<Class<?>, EntityShardKey> configured = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Declares that instances of {@code type} (and its subclasses) keep their shard key in the field or record
         * component {@code property}, routed by {@code rule} (empty: the default rule). Checked at once: an unknown
         * property or a type declared twice is a {@link ShardingConfigurationException}.
         */
        public Builder entity(Class<?> type, String rule, String property) {
            EntityShardKey key = EntityShardKey.of(type, rule, property);
            if (configured.putIfAbsent(type, key) != null) {
                throw new ShardingConfigurationException("entity [" + type.getName() + "] is declared twice");
            }
            return this;
        }

        public EntityShardKeys build() {
            return new EntityShardKeys(Map.copyOf(configured));
        }
    }
}
