package io.shardkit.reshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import com.google.common.util.concurrent.RateLimiter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Expand 4 -> 8 while 16 threads place orders: nothing lost, duplicated or misplaced, no write failed, every
 * event published in order per customer, and only the moving buckets were ever fenced.
 */
class ReshardUnderLoadTest {

    private static final int WRITERS = 16;
    /** Buckets of the test rule: 64 moves for 4 -> 8 keep the test short on a shared two-core machine. */
    private static final int BUCKETS = 128;
    private static final int CUSTOMERS_PER_WRITER = 64;

    /** Orders per second over all writers: a steady load that leaves the two-core build machine room to move. */
    private static final double ORDERS_PER_SECOND = 400;

    @Test
    @Timeout(150)
    void expandFourToEightUnderSixteenWriters() throws Exception {
        try (OrderShards db = new OrderShards(BUCKETS)) {
            expandUnderLoad(db, "H2");
        }
    }

    /** The scenario, on any eight shards: shared with the PostgreSQL and MariaDB run. */
    static void expandUnderLoad(OrderShards db, String database) throws Exception {
        {
            db.startRelay();
            ShardingRule rule = db.eight();
            BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
            ConcurrentLinkedQueue<long[]> writes = new ConcurrentLinkedQueue<>(); // bucket, attempts, fence nanos
            BucketWrites bucketWrites = BucketWrites.of(rule)
                    .withObserver((bucket, attempts, nanos) -> writes.add(new long[] {bucket, attempts, nanos}));
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch warmedUp = new CountDownLatch(WRITERS);
            List<Thread> threads = new ArrayList<>();
            RateLimiter pace = RateLimiter.create(ORDERS_PER_SECOND);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    long seq = 0;
                    try {
                        while (!stop.get()) {
                            for (int c = 0; c < CUSTOMERS_PER_WRITER && !stop.get(); c++) {
                                pace.acquire();
                                db.placeOrder(bucketWrites, writer + (long) c * WRITERS, seq);
                            }
                            seq++;
                            if (seq == 2) {
                                warmedUp.countDown();
                            }
                        }
                    } catch (Throwable ex) {
                        errors.add(ex);
                        warmedUp.countDown();
                    }
                }, "writer-" + w);
                threads.add(t);
                t.start();
            }
            warmedUp.await();

            Set<Integer> fenced = ConcurrentHashMap.newKeySet();
            Resharder resharder = Resharder.builder(rule).tables(OrderShards.TABLES)
                    .config(ReshardConfig.custom().outbox("outbox", OutboxBuckets.byShardKey(strategy, Long::valueOf))
                            .cleanupDelay(Duration.ZERO).build())
                    .listener(new MoveListener() {
                        @Override
                        public void beforeStep(BucketMove move, MoveStep step) {
                            if (step == MoveStep.FENCE) {
                                fenced.add(move.bucket());
                            }
                        }
                    })
                    .build();
            MovePlan plan = resharder.expand(db.names());
            assertThat(plan.moves()).hasSize(BUCKETS / 2);
            assertThat(plan.groups()).hasSize(4);
            long before = db.placed.get();
            MoveReport report = resharder.run(plan);
            long during = db.placed.get() - before;
            await().atMost(Duration.ofSeconds(30)).until(() -> db.placed.get() > before + during + 500);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(errors).as("failed writes").isEmpty();
            assertThat(strategy.map().counts()).containsOnly(BUCKETS / 8);

            long cleaned = resharder.cleanup();
            db.assertClean(rule);
            await().atMost(Duration.ofSeconds(30)).until(() -> distinctEvents(db) == db.placed.get());
            db.assertEventsInOrder();

            Set<Integer> moved = plan.moves().stream().map(BucketMove::bucket).collect(Collectors.toSet());
            assertThat(fenced).as("fenced buckets").isEqualTo(moved);
            List<long[]> still = writes.stream().filter(x -> !moved.contains((int) x[0])).toList();
            assertThat(still).as("writes to buckets that did not move").isNotEmpty()
                    .allSatisfy(x -> assertThat(x[1]).as("attempts").isEqualTo(1));
            long[] movingFences = writes.stream().filter(x -> moved.contains((int) x[0])).mapToLong(x -> x[2])
                    .sorted().toArray();
            System.out.printf("%s reshard 4->8 under %d writers: %s; orders placed %d (%d during the move), "
                            + "cleanup deleted %d rows; writer wait on moving buckets p50/p99/max = %.1f/%.1f/%.1f ms"
                            + " over %d writes%n", database, WRITERS, report, db.placed.get(), during, cleaned,
                    pct(movingFences, 50), pct(movingFences, 99), pct(movingFences, 100), movingFences.length);
        }
    }

    private static long distinctEvents(OrderShards db) {
        return db.published.values().stream().mapToLong(l -> {
            synchronized (l) {
                return l.stream().distinct().count();
            }
        }).sum();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
