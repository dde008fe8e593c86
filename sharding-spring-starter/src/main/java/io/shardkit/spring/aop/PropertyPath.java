package io.shardkit.spring.aop;

import io.shardkit.ShardKeyResolutionException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ReflectionUtils;

/**
 * A dotted property path ({@code "customer.id"}) read from records (accessor {@code id()}), JavaBeans
 * ({@code getId()} / {@code isId()}), public fields, other classes' no-argument {@code id()} methods, and
 * {@code Map}s (entry {@code "id"}); see {@link TypeProperties}. Each segment caches its reader per runtime class
 * in a {@link ClassValue}, so a class is inspected once; a read is then a map lookup or a method-handle call per
 * segment.
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
                throw ShardKeyResolutionException.emptySegment(rule, path, where);
            }
            segments[i] = new Segment(names[i].strip());
        }
    }

    /**
     * Checks the segments against the declared parameter type as far as the types are closed (records, final
     * classes), so that a misspelt property fails at start-up rather than on the first call.
     */
    void checkAgainst(Class<?> declaredType) {
        Class<?> type = declaredType;
        for (Segment segment : segments) {
            if (type == null || !TypeProperties.closed(type)) {
                return;
            }
            if (segment.readers.get(type) == null) {
                throw missing(segment.name, type);
            }
            type = TypeProperties.type(type, segment.name);
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
        return ShardKeyResolutionException.unknownProperty(rule, path, where, type, name,
                TypeProperties.nearest(type, name));
    }

    @Override
    public String toString() {
        return path;
    }

    /** One segment of the path, with its reader per runtime class. */
    private final class Segment {
        private final String name;
        private final ClassValue<@Nullable MethodHandle> readers = new ClassValue<>() {
            @Override
            protected @Nullable MethodHandle computeValue(Class<?> type) {
                return handle(TypeProperties.reader(type, name));
            }
        };

        Segment(String name) {
            this.name = name;
        }

        @Nullable Object read(Object target) {
            if (target instanceof Map<?, ?> map) {
                return map.get(name);
            }
            MethodHandle getter = readers.get(target.getClass());
            if (getter == null) {
                throw missing(name, target.getClass());
            }
            try {
                return (Object) getter.invokeExact(target);
            } catch (Throwable ex) {
                throw ShardKeyResolutionException.failed(rule, path, where, ex);
            }
        }
    }

    private static @Nullable MethodHandle handle(@Nullable Member reader) {
        try {
            if (reader instanceof Method method) {
                ReflectionUtils.makeAccessible(method);
                return MethodHandles.lookup().unreflect(method).asType(GETTER);
            }
            if (reader instanceof Field field) {
                return MethodHandles.lookup().unreflectGetter(field).asType(GETTER);
            }
            return null;
        } catch (IllegalAccessException ex) {
            return null;
        }
    }
}
