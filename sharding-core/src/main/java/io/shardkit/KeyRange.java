package io.shardkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A range of shard keys with optional ends, each inclusive or exclusive: the question "which shards can hold
 * keys between these bounds?" asked of a strategy by scatter-gather.
 *
 * <p>Immutable and thread-safe when the bounds are.
 *
 * @param lower          lower bound, {@code null} for no lower bound
 * @param lowerInclusive whether {@code lower} itself is in the range (ignored without a lower bound)
 * @param upper          upper bound, {@code null} for no upper bound
 * @param upperInclusive whether {@code upper} itself is in the range (ignored without an upper bound)
 */
public record KeyRange<C extends Comparable<? super C>>(@Nullable C lower, boolean lowerInclusive,
                                                       @Nullable C upper, boolean upperInclusive) {

    public KeyRange {
        if (lower != null && upper != null) {
            int cmp = lower.compareTo(upper);
            if (cmp > 0 || (cmp == 0 && !(lowerInclusive && upperInclusive))) {
                throw new IllegalArgumentException("empty or inverted key range " + describe(lower, lowerInclusive,
                        upper, upperInclusive));
            }
        }
    }

    /** Every key. */
    public static <C extends Comparable<? super C>> KeyRange<C> all() {
        return new KeyRange<>(null, false, null, false);
    }

    /** {@code [lower..upper)}. */
    public static <C extends Comparable<? super C>> KeyRange<C> closedOpen(C lower, C upper) {
        return new KeyRange<>(Objects.requireNonNull(lower, "lower"), true, Objects.requireNonNull(upper, "upper"),
                false);
    }

    /** {@code [lower..upper]}. */
    public static <C extends Comparable<? super C>> KeyRange<C> closed(C lower, C upper) {
        return new KeyRange<>(Objects.requireNonNull(lower, "lower"), true, Objects.requireNonNull(upper, "upper"),
                true);
    }

    /** {@code [lower..+inf)}. */
    public static <C extends Comparable<? super C>> KeyRange<C> atLeast(C lower) {
        return new KeyRange<>(Objects.requireNonNull(lower, "lower"), true, null, false);
    }

    /** {@code (-inf..upper)}. */
    public static <C extends Comparable<? super C>> KeyRange<C> lessThan(C upper) {
        return new KeyRange<>(null, false, Objects.requireNonNull(upper, "upper"), false);
    }

    /** Whether {@code key} lies in this range. */
    public boolean contains(C key) {
        Objects.requireNonNull(key, "key");
        if (lower != null) {
            int cmp = key.compareTo(lower);
            if (cmp < 0 || (cmp == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int cmp = key.compareTo(upper);
            return cmp < 0 || (cmp == 0 && upperInclusive);
        }
        return true;
    }

    @Override
    public String toString() {
        return describe(lower, lowerInclusive, upper, upperInclusive);
    }

    private static String describe(@Nullable Object lower, boolean lowerInclusive, @Nullable Object upper,
                                   boolean upperInclusive) {
        return (lower == null ? "(-inf" : (lowerInclusive ? "[" : "(") + lower) + ".."
                + (upper == null ? "+inf)" : upper + (upperInclusive ? "]" : ")"));
    }
}
