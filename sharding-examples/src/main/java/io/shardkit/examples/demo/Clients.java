package io.shardkit.examples.demo;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.examples.merchant.MerchantService;
import io.shardkit.examples.merchant.MoveResult;
import io.shardkit.examples.order.Order;
import io.shardkit.examples.order.OrderService;
import io.shardkit.examples.order.PlaceOrderRequest;
import io.shardkit.spring.reshard.Resharders;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The concurrent clients of one run of the {@link DemoRunner}: {@code threads} clients place their share of
 * {@code orders} orders through a {@link Placer}, each from a random stream with a fixed seed (the same orders on
 * every run with the same options); when asked, the client that places the half-way order moves a merchant and
 * starts the expansion.
 *
 * <p>Thread-safe for its one use: {@link #timed} is called once, and the client threads it starts share only
 * atomics, which the caller reads once it returns.
 */
final class Clients {

    /** Under the runner's name: the demo's warnings are the runner's. */
    private static final Logger LOG = LoggerFactory.getLogger(DemoRunner.class);
    private static final long MOVED_MERCHANT = 1;

    private final DemoOptions options;
    private final Placer placer;
    private final boolean moveHalfway;
    private final MerchantService merchants;
    private final ShardRegistry registry;
    private final ShardingRules rules;
    private final @Nullable Resharders resharders;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong movedAt = new AtomicLong();
    private final AtomicReference<@Nullable MoveResult> move = new AtomicReference<>();
    private final AtomicReference<@Nullable Order> lastPlaced = new AtomicReference<>();
    private final AtomicReference<@Nullable Expansion> expansion = new AtomicReference<>();
    private final List<LatencyRecorder> recorders = new ArrayList<>();

    /**
     * @param moveHalfway whether the half-way order moves a merchant to the next shard and, with
     *                    {@code --reshard-to}, starts the expansion
     * @param resharders  the movers of the bucketed rules; {@code null} when the application has none
     */
    Clients(DemoOptions options, Placer placer, boolean moveHalfway, MerchantService merchants,
            ShardRegistry registry, ShardingRules rules, @Nullable Resharders resharders) {
        this.options = options;
        this.placer = placer;
        this.moveHalfway = moveHalfway;
        this.merchants = merchants;
        this.registry = registry;
        this.rules = rules;
        this.resharders = resharders;
    }

    /** Places every order, showing progress on {@code progress} if given, and returns what was measured. */
    Comparison.Round timed(@Nullable PrintStream progress) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        try {
            if (progress != null) {
                try (ProgressBar ignored = ProgressBar.start(progress, options.orders(), done::get)) {
                    runAll();
                }
            } else {
                runAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while placing orders", e);
        }
        long wall = System.nanoTime() - start;
        long cpuEnd = processCpuNanos();
        return new Comparison.Round(done.get() - failed.get(), failed.get(), wall,
                LatencyRecorder.merge(recorders), cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart);
    }

    private void runAll() throws InterruptedException {
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
                lastPlaced.set(placer.place(request));
                recorder.record(System.nanoTime() - t);
            } catch (RuntimeException e) {
                if (failed.incrementAndGet() <= 5) {
                    LOG.warn("placing an order failed: {}", e.toString());
                }
            }
            if (done.incrementAndGet() == half && moveHalfway) {
                if (options.reshardTo() > 0 && resharders != null) {
                    expansion.set(Expansion.start(resharders, rules.rule(OrderService.ORDERS_RULE), done::get));
                }
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

    /** The merchant move made half-way, if one was. */
    @Nullable MoveResult move() {
        return move.get();
    }

    /** Orders placed when the merchant moved (0 when it did not). */
    long movedAt() {
        return movedAt.get();
    }

    /** The last order placed, if any was. */
    @Nullable Order lastPlaced() {
        return lastPlaced.get();
    }

    /** The expansion started half-way, if one was. */
    @Nullable Expansion expansion() {
        return expansion.get();
    }

    /** CPU time this process has used, in nanoseconds; -1 when the JVM does not tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
