package io.shardkit.reshard;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a run of moves did: per bucket, rows copied, journal keys replayed, rows verified and the fence time.
 * Immutable and thread-safe.
 *
 * @param rule    the rule
 * @param buckets one result per moved bucket, in the order they flipped
 * @param elapsed wall time of the run
 * @param copy    the copy step alone (keyset batches, no catch-up or cutover), summed over the groups
 */
public record MoveReport(String rule, List<BucketResult> buckets, Duration elapsed, Copy copy) {

    /**
     * The copy step's figures.
     *
     * @param rows rows written to targets by the copy step
     * @param time time spent in it, summed over groups (wall time when groups ran one at a time)
     */
    public record Copy(long rows, Duration time) {
        /** Rows per second of copy time. */
        public double rate() {
            return time.isZero() ? 0 : rows / (time.toNanos() / 1e9);
        }
    }

    public MoveReport {
        Objects.requireNonNull(rule, "rule");
        buckets = List.copyOf(buckets);
    }

    /**
     * One bucket's move.
     *
     * @param move         the move
     * @param epoch        the epoch the flip gave the bucket
     * @param rowsCopied   rows written to the target (copy and replay)
     * @param replayedKeys journal keys replayed (catch-up and drain)
     * @param verifiedRows rows counted on each side at the cutover
     * @param fence        time from asking for the bucket's fence to the target accepting writes
     */
    public record BucketResult(BucketMove move, long epoch, long rowsCopied, long replayedKeys, long verifiedRows,
                               Duration fence) {
    }

    /** Rows copied in all. */
    public long rowsCopied() {
        return buckets.stream().mapToLong(BucketResult::rowsCopied).sum();
    }

    /** The {@code p}-th percentile of the fence times (nearest rank), zero when nothing moved. */
    public Duration fencePercentile(double p) {
        if (buckets.isEmpty()) {
            return Duration.ZERO;
        }
        long[] nanos = buckets.stream().mapToLong(b -> b.fence().toNanos()).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * nanos.length);
        return Duration.ofNanos(nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))]);
    }

    /** Rows copied per second of the run. */
    public double copyRate() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : rowsCopied() / seconds;
    }

    @Override
    public String toString() {
        long[] fences = buckets.stream().mapToLong(b -> b.fence().toMillis()).toArray();
        return "MoveReport[rule=" + rule + ", buckets=" + buckets.size() + ", rowsCopied=" + rowsCopied()
                + ", elapsed=" + elapsed.toMillis() + " ms, copy step " + copy.rows() + " rows at "
                + Math.round(copy.rate()) + " rows/s, fence p50/p99/max=" + fencePercentile(50).toMillis() + "/"
                + fencePercentile(99).toMillis() + "/" + Arrays.stream(fences).max().orElse(0) + " ms]";
    }
}
