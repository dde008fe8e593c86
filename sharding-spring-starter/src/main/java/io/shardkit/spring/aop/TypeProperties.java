package io.shardkit.spring.aop;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The readable properties of a type, as key paths and key expressions read them: record components, JavaBean
 * getters ({@code getId()} / {@code isId()}), public fields, and other public no-argument methods
 * ({@code id()}). One place for what exists, what type it has and which existing name is nearest to a misspelt
 * one, so that the {@code @ShardKey} path and the SpEL check at start-up agree.
 *
 * <p>A type is <em>closed</em> when no subclass can add properties (a record or a final class, not a
 * {@code Map}): only there can a missing property be told at start-up.
 *
 * <p>Stateless and thread-safe.
 */
final class TypeProperties {

    private TypeProperties() {
    }

    /** Whether every property of a value of {@code type} is known from the type itself. */
    static boolean closed(Class<?> type) {
        return !Map.class.isAssignableFrom(type) && !type.isPrimitive() && !type.isArray()
                && (type.isRecord() || Modifier.isFinal(type.getModifiers()));
    }

    /** How {@code name} is read from a {@code type}: a getter, accessor or field; {@code null} when none. */
    static @Nullable Member reader(Class<?> type, String name) {
        Method method = accessor(type, name);
        if (method != null) {
            return method;
        }
        Field field = ReflectionUtils.findField(type, name);
        return field != null && Modifier.isPublic(field.getModifiers()) && !Modifier.isStatic(field.getModifiers())
                ? field : null;
    }

    /** The declared type of property {@code name} of {@code type}; {@code null} when it has none. */
    static @Nullable Class<?> type(Class<?> type, String name) {
        Member reader = reader(type, name);
        if (reader instanceof Method method) {
            return method.getReturnType();
        }
        return reader instanceof Field field ? field.getType() : null;
    }

    /** The existing property of {@code type} spelt nearest to {@code name}; {@code null} when it has none. */
    static @Nullable String nearest(Class<?> type, String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : names(type)) {
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static Set<String> names(Class<?> type) {
        Set<String> names = new TreeSet<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                names.add(component.getName());
            }
        }
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getReadMethod() != null && !"class".equals(descriptor.getName())) {
                names.add(descriptor.getName());
            }
        }
        for (Field field : type.getFields()) {
            if (!Modifier.isStatic(field.getModifiers())) {
                names.add(field.getName());
            }
        }
        return names;
    }

    private static @Nullable Method accessor(Class<?> type, String name) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getAccessor();
                }
            }
        }
        PropertyDescriptor descriptor = BeanUtils.getPropertyDescriptor(type, name);
        if (descriptor != null && descriptor.getReadMethod() != null) {
            return descriptor.getReadMethod();
        }
        Method plain = ReflectionUtils.findMethod(type, name);
        return plain != null && plain.getReturnType() != void.class && !Modifier.isStatic(plain.getModifiers())
                ? plain : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
