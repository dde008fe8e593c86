package io.shardkit.spring.aop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the per-shard results of a fan-out method merge, chosen by its return type. Collections merge into the
 * mutable {@code ArrayList}, {@code LinkedHashSet} or {@code LinkedHashMap}, so a declared type is supported when
 * that class is assignable to it ({@code List}, {@code Collection}, {@code ArrayList}, {@code Set}, {@code Map},
 * ...).
 *
 * <p>Immutable and thread-safe.
 */
enum ReturnKind {

    /** {@code void} / {@code Void}: nothing to merge. */
    VOID,
    /** {@code int} / {@code Integer}: summed, overflow fails. */
    INT,
    /** {@code long} / {@code Long}: summed, overflow fails. */
    LONG,
    /** {@code double} / {@code Double}: summed. */
    DOUBLE,
    /** {@code BigDecimal}: summed exactly. */
    DECIMAL,
    /** {@code List} / {@code Collection}: concatenated in shard order, or merged by a comparator. */
    LIST,
    /** {@code Set}: the union, in shard order. */
    SET,
    /** {@code Optional}: the first present, in shard order. */
    OPTIONAL,
    /** {@code Map}: merged; see {@link MapMerge}. */
    MAP;

    /** The kind of {@code type}, or {@code null} when fan-out methods cannot return it. */
    static @Nullable ReturnKind of(Class<?> type) {
        if (type == void.class || type == Void.class) {
            return VOID;
        }
        if (type == int.class || type == Integer.class) {
            return INT;
        }
        if (type == long.class || type == Long.class) {
            return LONG;
        }
        if (type == double.class || type == Double.class) {
            return DOUBLE;
        }
        if (type == BigDecimal.class) {
            return DECIMAL;
        }
        if (type == Optional.class) {
            return OPTIONAL;
        }
        return collectionKind(type);
    }

    private static @Nullable ReturnKind collectionKind(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) && type.isAssignableFrom(ArrayList.class)) {
            return LIST;
        }
        if (Collection.class.isAssignableFrom(type) && type.isAssignableFrom(LinkedHashSet.class)) {
            return SET;
        }
        if (Map.class.isAssignableFrom(type) && type.isAssignableFrom(LinkedHashMap.class)) {
            return MAP;
        }
        return null;
    }

    /** Whether a shard's result of this kind must not be null (an empty value says "nothing here"). */
    boolean requiresValue() {
        return this == LIST || this == SET || this == OPTIONAL || this == MAP;
    }

    /** What the supported return types are, for messages. */
    static String supported() {
        return "void, int, long, double, their boxes, BigDecimal, List / Collection, Set, Optional, Map, "
                + "or ScatterResult<any of these but void>";
    }
}
