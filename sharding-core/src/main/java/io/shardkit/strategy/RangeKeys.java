package io.shardkit.strategy;

import com.google.common.collect.BoundType;
import com.google.common.collect.DiscreteDomain;
import com.google.common.collect.Range;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The key types a range strategy takes and how their ranges become Guava {@link Range}s.
 *
 * <p>Discrete types (Long, LocalDate) are put in canonical {@code [a..b)} form, so that {@code [0..9]} and
 * {@code [10..20)} count as adjacent: no phantom gap between them sends a range query to the default shard.
 *
 * <p>Stateless and thread-safe.
 */
final class RangeKeys {

    /** The key types whose ordering is part of the persisted contract; others are refused at build time. */
    static final List<Class<?>> SUPPORTED =
            List.of(Long.class, BigDecimal.class, String.class, LocalDate.class, Instant.class);

    private RangeKeys() {
    }

    /** The discrete domain of {@code type}, or {@code null} when its values are not enumerable. */
    @SuppressWarnings("unchecked")
    static <C extends Comparable<? super C>> @Nullable DiscreteDomain<C> domainOf(Class<C> type) {
        if (type == Long.class) {
            return (DiscreteDomain<C>) DiscreteDomain.longs();
        }
        if (type == LocalDate.class) {
            return (DiscreteDomain<C>) LocalDateDomain.INSTANCE;
        }
        return null;
    }

    /** What a rule of {@code type} accepts, for error messages. */
    static String expected(Class<?> type) {
        return type == Long.class
                ? "a non-null java.lang.Long (Integer, Short and Byte are widened)"
                : "a non-null " + type.getName();
    }

    /** The Guava range of the given bounds, canonical when {@code domain} is given (then possibly empty). */
    static <C extends Comparable<? super C>> Range<C> toRange(@Nullable C lower, boolean lowerInclusive,
                                                              @Nullable C upper, boolean upperInclusive,
                                                              @Nullable DiscreteDomain<C> domain) {
        Range<C> range;
        if (lower == null && upper == null) {
            range = Range.all();
        } else if (lower == null) {
            range = Range.upTo(Objects.requireNonNull(upper), bound(upperInclusive));
        } else if (upper == null) {
            range = Range.downTo(lower, bound(lowerInclusive));
        } else {
            range = Range.range(lower, bound(lowerInclusive), upper, bound(upperInclusive));
        }
        return domain == null ? range : range.canonical(domain);
    }

    /**
     * A range as text that depends only on the keys it holds: canonical bounds (so {@code [0..9]} and
     * {@code [0..10)} of longs read alike) and decimals without trailing zeros ({@code 12.50} is {@code 12.5}).
     */
    static String canonicalText(Range<?> range) {
        String lower = range.hasLowerBound()
                ? (range.lowerBoundType() == BoundType.CLOSED ? "[" : "(") + text(range.lowerEndpoint()) : "(-inf";
        String upper = range.hasUpperBound()
                ? text(range.upperEndpoint()) + (range.upperBoundType() == BoundType.CLOSED ? "]" : ")") : "+inf)";
        return lower + ".." + upper;
    }

    private static String text(Object bound) {
        if (bound instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        if (bound instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        return bound.toString();
    }

    private static BoundType bound(boolean inclusive) {
        return inclusive ? BoundType.CLOSED : BoundType.OPEN;
    }

    /** Days from {@link LocalDate#MIN} to {@link LocalDate#MAX}; lets date ranges be canonical like longs. */
    private static final class LocalDateDomain extends DiscreteDomain<LocalDate> {

        static final LocalDateDomain INSTANCE = new LocalDateDomain();

        @Override
        public @Nullable LocalDate next(LocalDate value) {
            return value.equals(LocalDate.MAX) ? null : value.plusDays(1);
        }

        @Override
        public @Nullable LocalDate previous(LocalDate value) {
            return value.equals(LocalDate.MIN) ? null : value.minusDays(1);
        }

        @Override
        public long distance(LocalDate start, LocalDate end) {
            return ChronoUnit.DAYS.between(start, end);
        }

        @Override
        public LocalDate minValue() {
            return LocalDate.MIN;
        }

        @Override
        public LocalDate maxValue() {
            return LocalDate.MAX;
        }
    }
}
