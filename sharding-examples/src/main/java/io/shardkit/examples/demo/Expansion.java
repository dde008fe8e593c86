package io.shardkit.examples.demo;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.audit.AuditReport;
import io.shardkit.audit.ShardAudit;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.examples.order.OrderService;
import io.shardkit.reshard.MoveReport;
import io.shardkit.reshard.Resharder;
import io.shardkit.spring.reshard.Resharders;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo's expansion under load ({@code --reshard-to}): started half-way through the placements, it runs an even
 * plan over every shard of the bucketed {@code orders} rule on a thread of its own while the clients keep placing
 * orders, whose {@code @Sharded} writes take their buckets' fences. {@link #finish} waits for it, deletes the moved
 * buckets' rows from their old owners and audits where every order and item is.
 *
 * <p>Thread-safe: started once by one client thread, finished once by the runner.
 */
final class Expansion {

    private final Resharders resharders;
    private final ShardingRule rule;
    private final LongSupplier placed;
    private final int fromShards;
    private final long startedAtOrders;
    private final long startNanos = System.nanoTime();
    private final AtomicReference<@Nullable MoveReport> report = new AtomicReference<>();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile long endedAtOrders;
    private volatile long endNanos;

    private Expansion(Resharders resharders, ShardingRule rule, LongSupplier placed) {
        this.resharders = resharders;
        this.rule = rule;
        this.placed = placed;
        this.fromShards = owningShards(((BucketedStrategy) rule.strategy()).map().counts());
        this.startedAtOrders = placed.getAsLong();
        this.thread = new Thread(this::expand, "demo-expansion");
        thread.setDaemon(true);
    }

    private static int owningShards(int[] bucketsPerShard) {
        int owning = 0;
        for (int count : bucketsPerShard) {
            owning += count > 0 ? 1 : 0;
        }
        return owning;
    }

    /** Starts expanding the orders rule onto all its shards; {@code placed} counts orders placed so far. */
    static Expansion start(Resharders resharders, ShardingRule rule, LongSupplier placed) {
        Expansion expansion = new Expansion(resharders, rule, placed);
        expansion.thread.start();
        return expansion;
    }

    private void expand() {
        try {
            Resharder resharder = resharders.get(OrderService.ORDERS_RULE);
            List<String> all = rule.shards().stream().map(Shard::name).toList();
            report.set(resharder.run(resharder.expand(all)));
        } catch (RuntimeException | Error e) {
            failure.set(e);
        } finally {
            endedAtOrders = placed.getAsLong();
            endNanos = System.nanoTime();
        }
    }

    /**
     * Waits for the expansion, cleans the old owners up (the demo's cleanup delay is 0) and audits.
     *
     * @param loadEndNanos when the clients placed their last order ({@link System#nanoTime()})
     */
    ReshardSummary finish(long loadEndNanos) throws InterruptedException {
        thread.join();
        Throwable failed = failure.get();
        long cleaned = failed == null ? resharders.get(OrderService.ORDERS_RULE).cleanup() : 0;
        ((BucketedStrategy) rule.strategy()).refresh();
        AuditReport audit = ShardAudit.of(rule).table("orders").keyColumn("customer_id").idColumn("id").build()
                .run();
        return new ReshardSummary(fromShards, rule.shards().size(), report.get(),
                failed == null ? null : failed.toString(), endedAtOrders - startedAtOrders, endNanos - startNanos,
                Math.max(0, Math.min(endNanos, loadEndNanos) - startNanos), cleaned, audit, orphanItems());
    }

    /** Items whose order is not on their shard: each should sit beside its order, moved with it. */
    private long orphanItems() {
        long orphans = 0;
        for (Shard shard : rule.shards()) {
            Long n = new JdbcTemplate(shard.dataSource()).queryForObject("SELECT COUNT(*) FROM order_items i"
                    + " WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = i.order_id)", Long.class);
            orphans += n == null ? 0 : n;
        }
        return orphans;
    }
}
