package io.shardkit.spring.aop.fanout;

import io.shardkit.scatter.Merger;
import io.shardkit.scatter.Merges;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How a fan-out method's per-shard results merge, chosen by its return type: onto core's {@link Merges}, so
 * that {@code @ScatterGather} and a core caller get the same answer for the same shape (a shard's {@code null}
 * adds nothing; a map merges by {@link Merges#groupBy()}). Numbers are summed ({@code int} / {@code long}
 * overflow fails), lists concatenated ({@link Merges#concat()}), cut in shard order ({@link Merges#firstN}),
 * merged by the method's comparator ({@link Merges#ordered}, {@link Merges#topN}), sets united, the first present
 * {@code Optional} kept. The answer comes back in the mutable {@code ArrayList}, {@code LinkedHashSet} or
 * {@code LinkedHashMap} a method's own would be, so a declared type is supported when that class is assignable
 * to it ({@code List}, {@code Collection}, {@code ArrayList}, {@code Set}, {@code Map}, ...).
 *
 * <p>Immutable and thread-safe.
 */
final class MergeByReturnType {

    /** What the supported return types are, for messages. */
    static final String SUPPORTED = "void, int, long, double, their boxes, BigDecimal, List / Collection, Set, "
            + "Optional, Map, or ScatterResult<any of these but void>";

    private enum Shape { VOID, INT, LONG, DOUBLE, DECIMAL, LIST, SET, OPTIONAL, MAP }

    private final Shape shape;
    private final Merger<Object, Object> merger;

    private MergeByReturnType(Shape shape, Merger<?, ?> merger) {
        this.shape = shape;
        @SuppressWarnings("unchecked")
        Merger<Object, Object> any = (Merger<Object, Object>) merger;
        this.merger = any;
    }

    /** The merge of {@code type} ({@code void} and collections without order); {@code null} when unsupported. */
    static @Nullable MergeByReturnType of(Class<?> type) {
        Shape shape = shape(type);
        return shape == null ? null : new MergeByReturnType(shape, merger(shape, null, -1));
    }

    /**
     * This list merge by {@code order} (each shard's list sorted by it; {@code null} for shard order) and cut at
     * {@code limit} ({@code -1} for all).
     */
    MergeByReturnType ordered(@Nullable Comparator<Object> order, int limit) {
        return new MergeByReturnType(shape, merger(shape, order, limit));
    }

    boolean isList() {
        return shape == Shape.LIST;
    }

    boolean isVoid() {
        return shape == Shape.VOID;
    }

    /** The core merger the shards' results go through. */
    Merger<Object, Object> merger() {
        return merger;
    }

    /** One shard's result as the merger takes it: any collection of a list-returning method as a list. */
    @Nullable Object part(@Nullable Object value) {
        return shape == Shape.LIST && value instanceof Collection<?> c && !(value instanceof List<?>)
                ? new ArrayList<>(c) : value;
    }

    /** The merged value as the method returns it: {@code null} for {@code void}, collections mutable. */
    @Nullable Object answer(Object merged) {
        return switch (shape) {
            case VOID -> null;
            case LIST -> new ArrayList<>((Collection<?>) merged);
            case SET -> new LinkedHashSet<>((Collection<?>) merged);
            case MAP -> merged instanceof LinkedHashMap<?, ?> ? merged : new LinkedHashMap<>((Map<?, ?>) merged);
            default -> merged;
        };
    }

    private static Merger<?, ?> merger(Shape shape, @Nullable Comparator<Object> order, int limit) {
        return switch (shape) {
            // Nothing comes back from a void method; concatenating the shards' nothing merges to nothing.
            case VOID -> Merges.concat();
            case INT -> Merges.sumInt();
            case LONG -> Merges.sumLong();
            case DOUBLE -> Merges.sumDouble();
            case DECIMAL -> Merges.sumDecimal();
            case LIST -> list(order, limit);
            case SET -> Merges.union();
            case OPTIONAL -> Merges.firstPresent();
            case MAP -> Merges.groupBy();
        };
    }

    private static Merger<List<Object>, List<Object>> list(@Nullable Comparator<Object> order, int limit) {
        if (order == null) {
            return limit >= 0 ? Merges.firstN(limit) : Merges.concat();
        }
        return limit >= 0 ? Merges.topN(order, limit) : Merges.ordered(order);
    }

    private static @Nullable Shape shape(Class<?> type) {
        if (type == void.class || type == Void.class) {
            return Shape.VOID;
        }
        if (type == int.class || type == Integer.class) {
            return Shape.INT;
        }
        if (type == long.class || type == Long.class) {
            return Shape.LONG;
        }
        if (type == double.class || type == Double.class) {
            return Shape.DOUBLE;
        }
        if (type == BigDecimal.class) {
            return Shape.DECIMAL;
        }
        if (type == Optional.class) {
            return Shape.OPTIONAL;
        }
        if (Collection.class.isAssignableFrom(type) && type.isAssignableFrom(ArrayList.class)) {
            return Shape.LIST;
        }
        if (Collection.class.isAssignableFrom(type) && type.isAssignableFrom(LinkedHashSet.class)) {
            return Shape.SET;
        }
        return Map.class.isAssignableFrom(type) && type.isAssignableFrom(LinkedHashMap.class) ? Shape.MAP : null;
    }
}
