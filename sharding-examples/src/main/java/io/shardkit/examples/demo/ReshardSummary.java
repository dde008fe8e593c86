package io.shardkit.examples.demo;

import io.shardkit.audit.AuditReport;
import io.shardkit.reshard.MoveReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What the demo's expansion under load did ({@code --reshard-to}), and how it prints: the move, every bucket's
 * write fence time (as a distribution, per source and target, and the slowest), the cleanup and the audit.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fromShards       shards that owned buckets before
 * @param toShards         shards of the rule, every one owning buckets after
 * @param report           what the mover reported; {@code null} when it failed
 * @param failure          why the mover failed, or {@code null}
 * @param placedDuring     orders placed while the expansion ran
 * @param elapsedNanos     the expansion's wall time
 * @param underLoadNanos   how much of it the clients were still placing orders
 * @param cleaned          rows the cleanup deleted from old owners
 * @param audit            the audit of the orders table against the bucket map, after the cleanup
 * @param orphanItems      order items on a shard without their order (0 when every item moved with its order)
 */
public record ReshardSummary(int fromShards, int toShards, @Nullable MoveReport report, @Nullable String failure,
                             long placedDuring, long elapsedNanos, long underLoadNanos, long cleaned, AuditReport audit,
                             long orphanItems) {

    /** How many of the slowest buckets are named. */
    private static final int SLOWEST_SHOWN = 5;
    private static final long[] HISTOGRAM_MILLIS = {5, 10, 25, 50, 100};

    /** Whether the expansion finished and the audit found every order once, on its bucket's owner. */
    public boolean healthy() {
        return report != null && failure == null && audit.isClean() && orphanItems == 0;
    }

    /** Prints the summary. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%nreshard     %d -> %d shards half-way through the load%n", fromShards, toShards);
        if (report == null) {
            out.printf(Locale.ROOT, "  FAILED: %s%n", failure);
        } else {
            printMove(out, report);
        }
        out.printf(Locale.ROOT, "cleanup     %,d rows of moved buckets deleted from their old owners%n", cleaned);
        out.printf(Locale.ROOT, "audit       orders: %,d rows on %d shards, %,d misplaced, %,d duplicated, %,d"
                        + " unroutable (placement read from the bucket map); order_items: %,d without their order"
                        + "  ->  %s%n", audit.totalRows(), audit.shards().size(), audit.misplacedCount(),
                audit.duplicateIdCount(), audit.unroutableCount(), orphanItems, healthy() ? "clean" : "NOT CLEAN");
    }

    private void printMove(PrintStream out, MoveReport move) {
        List<MoveReport.BucketResult> buckets = move.buckets();
        out.printf(Locale.ROOT, "  moved %,d buckets in %.1f s; the clients placed %,d orders during the first %.1f s"
                        + " of it (0 failed writes is the bar: a write waits at its bucket's fence, it never fails)%n",
                buckets.size(), elapsedNanos / 1e9, placedDuring, underLoadNanos / 1e9);
        out.printf(Locale.ROOT, "  copy step %,d rows at %,.0f rows/s; %,d rows written to the targets in all, %,d"
                        + " journaled keys replayed%n", move.copy().rows(), move.copy().rate(), move.rowsCopied(),
                buckets.stream().mapToLong(MoveReport.BucketResult::replayedKeys).sum());
        out.printf(Locale.ROOT, "fences      per bucket: p50 %s  p90 %s  p99 %s  max %s%n",
                ms(move.fencePercentile(50)), ms(move.fencePercentile(90)), ms(move.fencePercentile(99)),
                ms(move.fencePercentile(100)));
        out.printf(Locale.ROOT, "  histogram %s%n", histogram(buckets));
        Map<String, List<MoveReport.BucketResult>> groups = buckets.stream().collect(Collectors.groupingBy(
                b -> b.move().source() + " -> " + b.move().target(), TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<MoveReport.BucketResult>> group : groups.entrySet()) {
            long[] nanos = group.getValue().stream().mapToLong(b -> b.fence().toNanos()).sorted().toArray();
            out.printf(Locale.ROOT, "  %-20s %4d buckets, fence p50 %s  p99 %s  max %s%n", group.getKey(),
                    nanos.length, ms(nanos[nanos.length / 2]), ms(nanos[rank(nanos.length, 99)]),
                    ms(nanos[nanos.length - 1]));
        }
        String slowest = buckets.stream().sorted(Comparator.comparing(MoveReport.BucketResult::fence).reversed())
                .limit(SLOWEST_SHOWN).map(b -> "bucket " + b.move().bucket() + " " + ms(b.fence()))
                .collect(Collectors.joining(", "));
        out.printf(Locale.ROOT, "  slowest   %s%n", slowest);
    }

    private static String histogram(List<MoveReport.BucketResult> buckets) {
        long[] counts = new long[HISTOGRAM_MILLIS.length + 1];
        for (MoveReport.BucketResult b : buckets) {
            long millis = b.fence().toMillis();
            int i = 0;
            while (i < HISTOGRAM_MILLIS.length && millis >= HISTOGRAM_MILLIS[i]) {
                i++;
            }
            counts[i]++;
        }
        StringBuilder out = new StringBuilder();
        long from = 0;
        for (int i = 0; i < HISTOGRAM_MILLIS.length; i++) {
            out.append(String.format(Locale.ROOT, "%d-%d ms: %,d   ", from, HISTOGRAM_MILLIS[i], counts[i]));
            from = HISTOGRAM_MILLIS[i];
        }
        return out.append(String.format(Locale.ROOT, ">= %d ms: %,d", from, counts[HISTOGRAM_MILLIS.length]))
                .toString();
    }

    private static int rank(int size, double percentile) {
        return Math.max(0, Math.min(size - 1, (int) Math.ceil(percentile / 100 * size) - 1));
    }

    private static String ms(Duration d) {
        return ms(d.toNanos());
    }

    private static String ms(long nanos) {
        return DemoReport.millis(nanos);
    }
}
