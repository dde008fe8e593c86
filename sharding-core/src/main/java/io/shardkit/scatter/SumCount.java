package io.shardkit.scatter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A partial average: the sum and the count of the values one shard (or one group on one shard) holds. Partial
 * averages combine by adding sums and counts; the average is taken once, at the end. Averaging the per-shard
 * averages instead would weigh a shard with 2 rows like one with 2 million.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sum   the sum of the values
 * @param count how many values
 */
public record SumCount(BigDecimal sum, long count) {

    /** No values. */
    public static final SumCount ZERO = new SumCount(BigDecimal.ZERO, 0);

    public SumCount {
        Objects.requireNonNull(sum, "sum");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0 but was " + count);
        }
    }

    /** A partial with a {@code null} SQL sum (no rows) read as zero. */
    public static SumCount of(@Nullable BigDecimal sum, long count) {
        return new SumCount(sum == null ? BigDecimal.ZERO : sum, count);
    }

    /** Both partials together. */
    public SumCount plus(SumCount other) {
        return new SumCount(sum.add(other.sum), count + other.count);
    }

    /** {@code sum / count} rounded to {@code scale} digits, or empty when there are no values (SQL's NULL). */
    public Optional<BigDecimal> average(int scale, RoundingMode rounding) {
        Objects.requireNonNull(rounding, "rounding");
        return count == 0 ? Optional.empty()
                : Optional.of(sum.divide(BigDecimal.valueOf(count), scale, rounding));
    }
}
