package io.shardkit.it.support;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;

/**
 * A bounded, concurrent load of order writes through the routing DataSource: a fixed number of client threads
 * per shard, each inserting orders of customers that the rule routes to its shard, until {@link #close()} or
 * the time cap, whichever comes first. Dedicating threads to shards lets a test see each shard's progress on its
 * own: a shard that stalls others would show as a flat line on theirs.
 *
 * <p>Every attempt is recorded: the ids that committed, and each failure with its error and how long the call
 * took. Thread-safe: the recorders are concurrent and may be read while the load runs.
 */
public final class ShardLoad implements AutoCloseable {

    /** One failed insert. */
    public record Failure(long orderId, Throwable error, long atNanos, Duration took) {
    }

    /** What one client call does, with the customer's shard bound; it has committed when it returns normally. */
    @FunctionalInterface
    public interface Write {
        void write(DataSource routing, long orderId, long customerId) throws Exception;
    }

    /** The default write: one order, one auto-committed statement. */
    public static final Write ORDER_ONLY = (routing, orderId, customerId) ->
            OrderTable.insert(routing, orderId, customerId, 100);

    private final ShardingRule rule;
    private final DataSource routing;
    private final Write write;
    private final long deadlineNanos;
    private final long endId;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong nextId;
    private final AtomicLongArray successes;
    private final List<Queue<Long>> committed = new ArrayList<>();
    private final List<Queue<Long>> committedAt = new ArrayList<>();
    private final List<Queue<Failure>> failures = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private ShardLoad(ShardingRule rule, DataSource routing, Write write, Duration cap, long firstId,
                      long maxOrders) {
        this.rule = rule;
        this.routing = routing;
        this.write = write;
        this.deadlineNanos = System.nanoTime() + cap.toNanos();
        this.nextId = new AtomicLong(firstId);
        this.endId = firstId + maxOrders;
        this.successes = new AtomicLongArray(rule.shards().size());
        for (int i = 0; i < rule.shards().size(); i++) {
            committed.add(new ConcurrentLinkedQueue<>());
            committedAt.add(new ConcurrentLinkedQueue<>());
            failures.add(new ConcurrentLinkedQueue<>());
        }
    }

    /**
     * Starts {@code threadsPerShard} client threads per shard of {@code rule}, each calling {@code write} until
     * closed or {@code cap} has passed; order ids start at {@code firstId}.
     */
    public static ShardLoad start(ShardingRule rule, DataSource routing, Write write, int threadsPerShard,
                                  Duration cap, long firstId) {
        return start(rule, routing, write, threadsPerShard, cap, firstId, Long.MAX_VALUE - firstId);
    }

    /**
     * As {@link #start(ShardingRule, DataSource, Write, int, Duration, long)}, but the clients also stop once
     * {@code maxOrders} orders have been attempted: a fixed amount of work, still under a time cap.
     */
    public static ShardLoad start(ShardingRule rule, DataSource routing, Write write, int threadsPerShard,
                                  Duration cap, long firstId, long maxOrders) {
        ShardLoad load = new ShardLoad(rule, routing, write, cap, firstId, maxOrders);
        for (Shard shard : rule.shards()) {
            for (int t = 0; t < threadsPerShard; t++) {
                Thread thread = new Thread(() -> load.drive(shard), "load-" + shard.name() + "-" + t);
                thread.setDaemon(true);
                load.threads.add(thread);
                thread.start();
            }
        }
        return load;
    }

    private void drive(Shard shard) {
        while (running.get() && System.nanoTime() < deadlineNanos) {
            long id = nextId.getAndIncrement();
            if (id >= endId) {
                return;
            }
            long customer = customerOn(shard);
            long started = System.nanoTime();
            try (ShardScope ignored = ShardContext.bind(rule.shardOf(customer))) {
                write.write(routing, id, customer);
                successes.incrementAndGet(shard.index());
                committed.get(shard.index()).add(id);
                committedAt.get(shard.index()).add(System.nanoTime());
            } catch (Exception ex) {
                long now = System.nanoTime();
                failures.get(shard.index()).add(new Failure(id, ex, now, Duration.ofNanos(now - started)));
            }
        }
    }

    private long customerOn(Shard shard) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            long customer = random.nextLong(1, 1_000_000_000L);
            if (rule.shardOf(customer).equals(shard)) {
                return customer;
            }
        }
    }

    /** Inserts that committed on {@code shard} so far. */
    public long successes(Shard shard) {
        return successes.get(shard.index());
    }

    /** Ids committed on {@code shard} so far. */
    public List<Long> committedIds(Shard shard) {
        return List.copyOf(committed.get(shard.index()));
    }

    /** When the first insert on {@code shard} that committed after {@code sinceNanos} did; -1 when none has. */
    public long firstSuccessSince(Shard shard, long sinceNanos) {
        long first = -1;
        for (long at : committedAt.get(shard.index())) {
            if (at > sinceNanos && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Failed inserts on {@code shard} so far, oldest first. */
    public List<Failure> failures(Shard shard) {
        return List.copyOf(failures.get(shard.index()));
    }

    /** Whether every client has finished (closed, capped in time, or out of orders to place). */
    public boolean isDone() {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Stops the clients and waits for each to finish its current call. */
    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
