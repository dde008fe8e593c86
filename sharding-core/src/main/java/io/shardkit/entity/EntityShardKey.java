package io.shardkit.entity;

import io.shardkit.ShardingConfigurationException;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one entity type keeps its shard key: the rule it is routed by (empty: the default rule) and the field or
 * record component holding the key. Made by {@link EntityShardKeys}.
 *
 * <p>Immutable and thread-safe.
 */
public final class EntityShardKey {

    private final Class<?> type;
    private final String rule;
    private final String property;
    private final Member reader;

    private EntityShardKey(Class<?> type, String rule, String property, Member reader) {
        this.type = type;
        this.rule = rule;
        this.property = property;
        this.reader = reader;
    }

    /** The key of {@code type} in its field or record component {@code property}, routed by {@code rule}. */
    static EntityShardKey of(Class<?> type, String rule, String property) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(property, "property");
        Member reader = reader(type, property);
        if (reader == null) {
            throw new ShardingConfigurationException("entity [" + type.getName() + "] has no field or record "
                    + "component '" + property + "' to read its shard key from");
        }
        try {
            ((AccessibleObject) reader).setAccessible(true);
        } catch (RuntimeException ex) {
            throw new ShardingConfigurationException(null, "entity [" + type.getName() + "]: its shard key '"
                    + property + "' cannot be read (open its package to shardkit): " + ex.getMessage(), ex);
        }
        return new EntityShardKey(type, rule, property, reader);
    }

    private static @Nullable Member reader(Class<?> type, String property) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(property)) {
                    return component.getAccessor();
                }
            }
            return null;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(property)) {
                    return field;
                }
            }
        }
        return null;
    }

    /** The entity type (or the supertype that declares the key). */
    public Class<?> type() {
        return type;
    }

    /** The rule the key is routed by; empty for the default rule. */
    public String rule() {
        return rule;
    }

    /** The field or record component holding the key. */
    public String property() {
        return property;
    }

    /** The key of {@code entity} (an instance of {@link #type()}); {@code null} when it holds none. */
    public @Nullable Object keyOf(Object entity) {
        try {
            return reader instanceof Method accessor ? accessor.invoke(entity) : ((Field) reader).get(entity);
        } catch (IllegalAccessException ex) {
            throw new IllegalStateException("shard key '" + property + "' of [" + type.getName() + "] became "
                    + "unreadable", ex);
        } catch (InvocationTargetException ex) {
            throw new IllegalStateException("the accessor of shard key '" + property + "' of [" + type.getName()
                    + "] failed", ex.getCause());
        }
    }

    @Override
    public String toString() {
        return type.getName() + "." + property + " by rule '" + (rule.isEmpty() ? "<default>" : rule) + "'";
    }
}
