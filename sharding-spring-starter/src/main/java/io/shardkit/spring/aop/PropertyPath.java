package io.shardkit.spring.aop;

import io.shardkit.ShardKeyResolutionException;
import java.beans.PropertyDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A dotted property path ({@code "customer.id"}) read from records (accessor {@code id()}), JavaBeans
 * ({@code getId()} / {@code isId()}), other classes' no-argument {@code id()} methods, and {@code Map}s (entry
 * {@code "id"}). Each segment caches its accessor per runtime class in a {@link ClassValue}, so a class is
 * inspected once; a read is then a map lookup or a method-handle call per segment.
 *
 * <p>Immutable and thread-safe.
 */
final class PropertyPath {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

    private final String path;
    private final Segment[] segments;
    private final String rule;
    private final String where;

    PropertyPath(String path, String rule, String where) {
        this.path = path;
        this.rule = rule;
        this.where = where;
        String[] names = path.split("\\.", -1);
        this.segments = new Segment[names.length];
        for (int i = 0; i < names.length; i++) {
            if (names[i].isBlank()) {
                throw new ShardKeyResolutionException(rule, path, where, "the property path has an empty segment",
                        null);
            }
            segments[i] = new Segment(names[i].strip());
        }
    }

    /**
     * Checks the first segment against the declared parameter type where that type is closed (a record or a final
     * class), so that a misspelt property fails at start-up rather than on the first call.
     */
    void checkAgainst(Class<?> declaredType) {
        boolean closed = declaredType.isRecord() || Modifier.isFinal(declaredType.getModifiers());
        if (closed && !Map.class.isAssignableFrom(declaredType) && segments[0].accessors.get(declaredType) == null) {
            throw missing(segments[0].name, declaredType);
        }
    }

    /** The value at the end of the path, or {@code null} when the path meets a null on the way. */
    @Nullable Object read(@Nullable Object root) {
        Object value = root;
        for (Segment segment : segments) {
            if (value == null) {
                return null;
            }
            value = segment.read(value);
        }
        return value;
    }

    private ShardKeyResolutionException missing(String name, Class<?> type) {
        return new ShardKeyResolutionException(rule, path, where, "[" + type.getName() + "] has no property '" + name
                + "' (looked for a record component, a getter, a no-argument method and a Map entry)", null);
    }

    @Override
    public String toString() {
        return path;
    }

    /** One segment of the path, with its accessor per runtime class. */
    private final class Segment {
        private final String name;
        private final ClassValue<@Nullable MethodHandle> accessors = new ClassValue<>() {
            @Override
            protected @Nullable MethodHandle computeValue(Class<?> type) {
                return accessor(type, name);
            }
        };

        Segment(String name) {
            this.name = name;
        }

        @Nullable Object read(Object target) {
            if (target instanceof Map<?, ?> map) {
                return map.get(name);
            }
            MethodHandle getter = accessors.get(target.getClass());
            if (getter == null) {
                throw missing(name, target.getClass());
            }
            try {
                return (Object) getter.invokeExact(target);
            } catch (Throwable ex) {
                throw new ShardKeyResolutionException(rule, path, where, "reading '" + name + "' of ["
                        + target.getClass().getName() + "] failed: " + ex, ex);
            }
        }
    }

    private static @Nullable MethodHandle accessor(Class<?> type, String name) {
        Method method = findAccessor(type, name);
        if (method == null) {
            return null;
        }
        ReflectionUtils.makeAccessible(method);
        try {
            return MethodHandles.lookup().unreflect(method).asType(GETTER);
        } catch (IllegalAccessException ex) {
            return null;
        }
    }

    private static @Nullable Method findAccessor(Class<?> type, String name) {
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
}
