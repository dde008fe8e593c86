package io.shardkit.examples.demo;

import io.shardkit.examples.merchant.MoveResult;
import io.shardkit.examples.order.OrderSummary;
import io.shardkit.examples.stats.ShardStats;
import io.shardkit.examples.stats.Stats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the demo measured, and how it prints.
 *
 * <p>Immutable and thread-safe.
 *
 * @param before           orders the shards held before the run (persistent databases keep earlier runs)
 * @param placed           orders placed
 * @param failed           placements that failed (0 on a healthy run)
 * @param wallNanos        time from the first to the last placement
 * @param latency          per-order latency distribution
 * @param move             the merchant move made half-way, if one was made
 * @param movedAtOrders    how many orders had been placed when the move ran
 * @param stats            the per-shard figures after the outbox drained
 * @param drainNanos       time from the last placement until the outbox was drained
 * @param eventsPublished  events in the in-process event log
 * @param newest           the first page of the cross-shard query, newest first
 * @param newestFanOutNanos the cross-shard query's wall time
 * @param byId             an order looked up by its id alone, and the shard its id named
 * @param byIdNanos        that lookup's wall time
 * @param customerOrders   how many orders that order's customer has (one-shard query)
 * @param reshard          the expansion made half-way ({@code --reshard-to}), if one was made
 */
public record DemoReport(long before, long placed, long failed, long wallNanos, LatencyRecorder.Percentiles latency,
                         @Nullable MoveResult move, long movedAtOrders, Stats stats, long drainNanos,
                         long eventsPublished, List<OrderSummary> newest, long newestFanOutNanos,
                         @Nullable OrderSummary byId, long byIdNanos, int customerOrders,
                         @Nullable ReshardSummary reshard) {

    public DemoReport {
        newest = List.copyOf(newest);
    }

    /** Orders per second over the placement phase. */
    public double throughput() {
        return wallNanos == 0 ? 0 : placed * 1e9 / wallNanos;
    }

    /** Whether every order was placed and every event published, and an expansion, if made, audits clean. */
    public boolean healthy() {
        return failed == 0 && stats.outboxPending() == 0 && stats.orders() == before + placed
                && eventsPublished >= placed && (reshard == null || reshard.healthy());
    }

    /** Prints the report. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%nplaced      %,d orders in %.1f s  ->  %,.0f orders/s  (%,d failed)%n", placed,
                wallNanos / 1e9, throughput(), failed);
        out.printf(Locale.ROOT, "latency     p50 %s   p90 %s   p99 %s   p99.9 %s   max %s%n",
                millis(latency.percentileNanos(50)), millis(latency.percentileNanos(90)),
                millis(latency.percentileNanos(99)), millis(latency.percentileNanos(99.9)),
                millis(latency.maxNanos()));
        if (move != null) {
            out.printf(Locale.ROOT, "moved       merchant %d from %s to %s after %,d orders (%,d rows, %d ms) "
                    + "while orders kept flowing%n", move.merchantId(), move.from(), move.to(), movedAtOrders,
                    move.rowsMoved(), move.millis());
        }
        if (reshard != null) {
            reshard.print(out);
        }
        printShards(out);
        out.printf(Locale.ROOT, "%noutbox      published %,d   pending %,d   (relay drained the rest in %.2f s; "
                        + "in-process event log holds %,d)%n", stats.outboxPublished(), stats.outboxPending(),
                drainNanos / 1e9, eventsPublished);
        out.printf(Locale.ROOT, "bands       order_analytics by price band (range rule): %s%n", stats.priceBands());
        out.printf(Locale.ROOT, "stats       gathered from %d shards in parallel in %s%n", stats.shards().size(),
                millis(stats.fanOutMicros() * 1_000));
        printQueries(out);
    }

    private void printShards(PrintStream out) {
        out.printf(Locale.ROOT, "%nrows per shard%n  %-9s %10s %10s %16s %12s %12s %10s%n", "shard", "orders",
                "items", "revenue", "outbox", "analytics", "merchants");
        for (ShardStats s : stats.shards()) {
            long analytics = s.analytics().values().stream().mapToLong(Long::longValue).sum();
            out.printf(Locale.ROOT, "  %-9s %,10d %,10d %16s %,12d %,12d %,10d%n", s.shard(), s.orders(),
                    s.orderItems(), money(s.revenueCents()), s.outboxPublished() + s.outboxPending(), analytics,
                    s.merchants());
        }
        out.printf(Locale.ROOT, "  %-9s %,10d %10s %16s%s%n", "total", stats.orders(), "",
                money(stats.revenueCents()), before == 0 ? "" : String.format(Locale.ROOT,
                        "   (%,d of them from earlier runs or --compare rounds)", before));
    }

    private void printQueries(PrintStream out) {
        out.printf(Locale.ROOT, "%ncross-shard newest %d orders of the run, merged from every shard in %s:%n",
                newest.size(), millis(newestFanOutNanos));
        for (OrderSummary o : newest) {
            out.printf(Locale.ROOT, "  %s  order %d  customer %-6d %-8s %10s%n", o.createdAt(), o.id(),
                    o.customerId(), o.shard(), money(o.totalCents()));
        }
        if (byId != null) {
            out.printf(Locale.ROOT, "by id       order %d read from %s, the shard its id names, in %s; its "
                    + "customer %d has %d order(s), all on that shard%n", byId.id(), byId.shard(), millis(byIdNanos),
                    byId.customerId(), customerOrders);
        }
    }

    static String millis(long nanos) {
        double ms = nanos / 1e6;
        return ms < 10 ? String.format(Locale.ROOT, "%.2f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    static String money(long cents) {
        return String.format(Locale.ROOT, "%,d.%02d", cents / 100, cents % 100);
    }
}
