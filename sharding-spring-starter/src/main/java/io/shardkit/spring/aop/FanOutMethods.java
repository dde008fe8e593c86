package io.shardkit.spring.aop;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.annotation.Broadcast;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.scatter.ScatterResult;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Compiles and caches the {@code @ScatterGather} and {@code @Broadcast} methods: the rule (through
 * {@link ShardedMethods#rule}), the {@code @ShardKey} collection parameter (through
 * {@link ShardedMethods#keyResolver} and {@link ShardKeyResolver#parameterIndex()}), the merge chosen by the
 * return type and the {@code orderBy} comparator, instantiated once per method. The pointcuts compile each method
 * while its proxy is made, so an unsupported return type, an unknown rule, a key that is not a collection, or a
 * comparator that cannot be created fails the application's start, naming the method.
 *
 * <p>Thread-safe: the cache is a concurrent map and compiled entries are immutable.
 */
public final class FanOutMethods {

    private final ShardedMethods sharded;
    private final Map<MethodClassKey, FanOutMethod> scatterGathers = new ConcurrentHashMap<>();
    private final Map<MethodClassKey, FanOutMethod> broadcasts = new ConcurrentHashMap<>();

    /** @param sharded the rule lookup and key resolution shared with {@code @Sharded} */
    public FanOutMethods(ShardedMethods sharded) {
        this.sharded = Objects.requireNonNull(sharded, "sharded");
    }

    /** The compiled {@code @ScatterGather} method; compiled on first use. */
    FanOutMethod scatterGather(Method method, @Nullable Class<?> targetClass) {
        MethodClassKey key = new MethodClassKey(method, targetClass);
        FanOutMethod compiled = scatterGathers.get(key);
        return compiled != null ? compiled
                : scatterGathers.computeIfAbsent(key, k -> compileScatterGather(method, targetClass));
    }

    /** The compiled {@code @Broadcast} method; compiled on first use. */
    FanOutMethod broadcast(Method method, @Nullable Class<?> targetClass) {
        MethodClassKey key = new MethodClassKey(method, targetClass);
        FanOutMethod compiled = broadcasts.get(key);
        return compiled != null ? compiled
                : broadcasts.computeIfAbsent(key, k -> compileBroadcast(method, targetClass));
    }

    private FanOutMethod compileScatterGather(Method method, @Nullable Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        String where = ShardedMethods.describe(specific);
        ScatterGather annotation = find(specific, method, ScatterGather.class, where);
        refuseAlso(specific, where, "@ScatterGather", Sharded.class, Broadcast.class);
        ShardingRule rule = sharded.rule(annotation.rule(), where);
        Returns returns = returns(specific, targetClass, where, "@ScatterGather");
        Comparator<Object> order = comparator(annotation, returns.kind(), where);
        if (annotation.limit() >= 0 && returns.kind() != ReturnKind.LIST) {
            throw unsupported(where, "@ScatterGather(limit = " + annotation.limit() + ") needs a List or "
                    + "Collection return type");
        }
        ResultMerge merge = new ResultMerge(rule.name(), where, returns.kind(), order, annotation.limit());
        if (!hasShardKey(specific) && !hasShardKey(method)) {
            return new FanOutMethod(rule, where, -1, false, merge, returns.scatterResult());
        }
        int index = sharded.keyResolver(specific, method, "", rule.name(), where).parameterIndex();
        if (index < 0) {
            throw unsupported(where, "the @ShardKey parameter of a @ScatterGather method must be the key "
                    + "collection itself, without a property path");
        }
        return new FanOutMethod(rule, where, index, keySet(specific.getParameterTypes()[index], where), merge,
                returns.scatterResult());
    }

    private FanOutMethod compileBroadcast(Method method, @Nullable Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        String where = ShardedMethods.describe(specific);
        Broadcast annotation = find(specific, method, Broadcast.class, where);
        refuseAlso(specific, where, "@Broadcast", Sharded.class, ScatterGather.class);
        if (hasShardKey(specific) || hasShardKey(method)) {
            throw unsupported(where, "a @Broadcast method writes to every shard of its rule and takes no "
                    + "@ShardKey parameter");
        }
        ShardingRule rule = sharded.rule(annotation.rule(), where);
        Returns returns = returns(specific, targetClass, where, "@Broadcast");
        ResultMerge merge = new ResultMerge(rule.name(), where, returns.kind(), null, -1);
        return new FanOutMethod(rule, where, -1, false, merge, returns.scatterResult());
    }

    private static <A extends Annotation> A find(Method specific, Method declared, Class<A> type, String where) {
        A annotation = AnnotatedElementUtils.findMergedAnnotation(specific, type);
        if (annotation == null) {
            annotation = AnnotatedElementUtils.findMergedAnnotation(declared, type);
        }
        if (annotation == null) {
            throw unsupported(where, "the method is not annotated @" + type.getSimpleName());
        }
        return annotation;
    }

    @SafeVarargs
    private static void refuseAlso(Method specific, String where, String self,
                                   Class<? extends Annotation>... others) {
        for (Class<? extends Annotation> other : others) {
            if (AnnotatedElementUtils.hasAnnotation(specific, other)) {
                throw unsupported(where, "a method cannot be both " + self + " and @" + other.getSimpleName());
            }
        }
    }

    /** The merge kind of the return type, unwrapping {@code ScatterResult<T>} to {@code T}. */
    private static Returns returns(Method specific, @Nullable Class<?> targetClass, String where, String self) {
        Class<?> type = specific.getReturnType();
        boolean scatterResult = type == ScatterResult.class;
        if (scatterResult) {
            Class<?> inner = ResolvableType.forMethodReturnType(specific, targetClass).getGeneric(0).resolve();
            if (inner == null) {
                throw unsupported(where, "declare the value type of its ScatterResult, e.g. "
                        + "ScatterResult<List<Order>>");
            }
            type = inner;
        }
        ReturnKind kind = ReturnKind.of(type);
        if (kind == null || (scatterResult && kind == ReturnKind.VOID)) {
            throw unsupported(where, self + " cannot merge the return type [" + (scatterResult
                    ? "ScatterResult<" + type.getName() + ">" : type.getName()) + "]; supported: "
                    + ReturnKind.supported());
        }
        return new Returns(kind, scatterResult);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Comparator<Object> comparator(ScatterGather annotation, ReturnKind kind, String where) {
        Class<? extends Comparator> type = annotation.orderBy();
        if (type == Comparator.class) {
            return null;
        }
        if (kind != ReturnKind.LIST) {
            throw unsupported(where, "@ScatterGather(orderBy = " + type.getSimpleName() + ".class) needs a List "
                    + "or Collection return type");
        }
        try {
            return BeanUtils.instantiateClass(type);
        } catch (BeanInstantiationException ex) {
            throw new ShardingConfigurationException(null, where + ": the orderBy comparator [" + type.getName()
                    + "] cannot be created; it needs a public no-argument constructor: " + ex.getMessage(), ex);
        }
    }

    /** Whether the key parameter takes a {@code Set} (else a {@code List}); anything else is refused. */
    private static boolean keySet(Class<?> type, String where) {
        if (Iterable.class.isAssignableFrom(type) && type.isAssignableFrom(ArrayList.class)) {
            return false;
        }
        if (Iterable.class.isAssignableFrom(type) && type.isAssignableFrom(LinkedHashSet.class)) {
            return true;
        }
        throw unsupported(where, "the @ShardKey parameter of a @ScatterGather method must be a List, Set or "
                + "Collection of keys but is [" + type.getName() + "]");
    }

    private static boolean hasShardKey(Method method) {
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof ShardKey) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ShardingConfigurationException unsupported(String where, String problem) {
        return new ShardingConfigurationException(where + ": " + problem);
    }

    /** A method's merge kind and whether it returns a {@code ScatterResult} of it. */
    private record Returns(ReturnKind kind, boolean scatterResult) {
    }
}
