package io.shardkit.examples.demo;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.examples.merchant.MerchantService;
import io.shardkit.examples.merchant.MoveResult;
import io.shardkit.examples.order.Order;
import io.shardkit.examples.order.OrderPage;
import io.shardkit.examples.order.OrderPlacement;
import io.shardkit.examples.order.OrderQueries;
import io.shardkit.examples.order.OrderService;
import io.shardkit.examples.order.OrderSummary;
import io.shardkit.examples.order.PlaceOrderRequest;
import io.shardkit.examples.stats.StatsService;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxRelay;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the running service the way its clients would: {@code threads} concurrent clients place
 * {@code orders} orders through {@link OrderPlacement} (the same path as {@code POST /orders}), half-way one
 * merchant is moved to another shard, then the outbox is drained and the cross-shard, by-id and per-customer
 * queries are asked once each. The clients are in-process, so the figures measure the sharded service, not
 * HTTP.
 *
 * <p>Thread-safe; each {@link #run} uses threads of its own, shut down before it returns.
 */
public final class DemoRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRunner.class);
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long MOVED_MERCHANT = 1;
    private static final int NEWEST_SHOWN = 5;

    private final OrderPlacement placement;
    private final OrderService orders;
    private final OrderQueries queries;
    private final StatsService stats;
    private final MerchantService merchants;
    private final InMemoryOutboxPublisher eventLog;
    private final OutboxRelay relay;
    private final ShardRegistry registry;
    private final ShardingRules rules;

    public DemoRunner(OrderPlacement placement, OrderService orders, OrderQueries queries, StatsService stats,
                      MerchantService merchants, InMemoryOutboxPublisher eventLog, OutboxRelay relay,
                      ShardRegistry registry, ShardingRules rules) {
        this.placement = placement;
        this.orders = orders;
        this.queries = queries;
        this.stats = stats;
        this.merchants = merchants;
        this.eventLog = eventLog;
        this.relay = relay;
        this.registry = registry;
        this.rules = rules;
    }

    /** Runs the demo, printing progress and the report to {@code out}, and returns the report. */
    public DemoReport run(DemoOptions options, PrintStream out) throws InterruptedException {
        printHeader(options, out);
        long before = stats.orderCount();
        Instant from = Instant.now().minusSeconds(1);
        Clients clients = new Clients(options);
        long start = System.nanoTime();
        if (options.progress()) {
            try (ProgressBar ignored = ProgressBar.start(out, options.orders(), clients.done::get)) {
                clients.runAll();
            }
        } else {
            clients.runAll();
        }
        long wall = System.nanoTime() - start;
        long drainStart = System.nanoTime();
        drain(clients.done.get() - clients.failed.get());
        long drain = System.nanoTime() - drainStart;

        long t0 = System.nanoTime();
        OrderPage newest = queries.ordersBetween(from, Instant.now().plusSeconds(1), NEWEST_SHOWN, null);
        long newestNanos = System.nanoTime() - t0;
        OrderSummary byId = null;
        long byIdNanos = 0;
        int customerOrders = 0;
        Order last = clients.lastPlaced.get();
        if (last != null) {
            long t1 = System.nanoTime();
            Order found = orders.find(last.id());
            byIdNanos = System.nanoTime() - t1;
            byId = new OrderSummary(found.id(), found.customerId(), found.merchantId(), found.totalCents(),
                    found.lines().size(), found.createdAt(), found.shard());
            customerOrders = orders.customerOrders(found.customerId(), null, Integer.MAX_VALUE - 1).size();
        }
        long placed = clients.done.get() - clients.failed.get();
        DemoReport report = new DemoReport(before, placed, clients.failed.get(), wall,
                LatencyRecorder.merge(clients.recorders), clients.move.get(), clients.movedAt.get(), stats.stats(),
                drain, eventLog.publishedCount(), newest.orders(), newestNanos, byId, byIdNanos, customerOrders);
        report.print(out);
        return report;
    }

    private void printHeader(DemoOptions options, PrintStream out) {
        out.printf(Locale.ROOT, "shardkit order demo: %,d orders from %d concurrent clients, %,d customers, "
                        + "%,d merchants, on %d shards%n", options.orders(), options.threads(), options.customers(),
                options.merchants(), registry.size());
        for (ShardingRule rule : rules.all()) {
            out.printf(Locale.ROOT, "  rule %-12s %s%n", rule.name(), rule.strategy().describe());
        }
    }

    /** Lets the relay publish everything placed; gives up (leaving the rest pending) after a bound. */
    private void drain(long expected) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (eventLog.publishedCount() < expected && System.nanoTime() < deadline) {
            // Synchronous polls beside the background relay: polls of one shard never overlap within a relay.
            if (relay.drainOnce() == 0) {
                Thread.onSpinWait();
            }
        }
    }

    /** The concurrent clients of one run. */
    private final class Clients {
        private final DemoOptions options;
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong movedAt = new AtomicLong();
        private final AtomicReference<@Nullable MoveResult> move = new AtomicReference<>();
        private final AtomicReference<@Nullable Order> lastPlaced = new AtomicReference<>();
        private final List<LatencyRecorder> recorders = new ArrayList<>();

        Clients(DemoOptions options) {
            this.options = options;
        }

        void runAll() throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(options.threads());
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < options.threads(); c++) {
                    int share = options.orders() / options.threads()
                            + (c < options.orders() % options.threads() ? 1 : 0);
                    LatencyRecorder recorder = new LatencyRecorder(share);
                    recorders.add(recorder);
                    int client = c;
                    futures.add(pool.submit(() -> place(client, share, recorder)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a demo client failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }

        private void place(int client, int count, LatencyRecorder recorder) {
            SplittableRandom random = new SplittableRandom(42 + client);
            long half = options.orders() / 2;
            for (int i = 0; i < count; i++) {
                PlaceOrderRequest request = request(random);
                long t = System.nanoTime();
                try {
                    lastPlaced.set(placement.place(request));
                    recorder.record(System.nanoTime() - t);
                } catch (RuntimeException e) {
                    if (failed.incrementAndGet() <= 5) {
                        LOG.warn("placing an order failed: {}", e.toString());
                    }
                }
                if (done.incrementAndGet() == half && merchants != null) {
                    moveMerchant();
                }
            }
        }

        private void moveMerchant() {
            String from = merchants.shardOf(MOVED_MERCHANT);
            List<String> names = new ArrayList<>(registry.names());
            if (names.size() > 1) {
                String to = names.get((names.indexOf(from) + 1) % names.size());
                movedAt.set(done.get());
                move.set(merchants.move(MOVED_MERCHANT, to));
            }
        }

        private PlaceOrderRequest request(SplittableRandom random) {
            int lines = 1 + random.nextInt(4);
            List<PlaceOrderRequest.Item> items = new ArrayList<>(lines);
            for (int l = 0; l < lines; l++) {
                items.add(new PlaceOrderRequest.Item("sku-" + random.nextInt(500), 1 + random.nextInt(3),
                        150L + random.nextInt(12_000)));
            }
            return new PlaceOrderRequest(1L + random.nextInt(options.customers()),
                    1L + random.nextInt(options.merchants()), items);
        }
    }
}
