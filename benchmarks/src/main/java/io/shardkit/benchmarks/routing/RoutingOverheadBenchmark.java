package io.shardkit.benchmarks.routing;

import io.shardkit.benchmarks.support.H2Shards;
import io.shardkit.benchmarks.support.KeyCursor;
import io.shardkit.benchmarks.support.Order;
import io.shardkit.benchmarks.support.OrderStore;
import io.shardkit.benchmarks.support.Peer;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing overhead on one thread: a point select by shard key and a single-row insert in a transaction,
 * through each {@link Peer} on the same 4 seeded H2 shards with the same placement. {@link Peer#DIRECT} is the
 * baseline; a peer's added latency is its µs/op minus DIRECT's. {@link RoutingOverhead4ThreadsBenchmark} runs
 * the same on 4 threads.
 *
 * <p>Embedded H2 makes the statement itself cheap (a few µs), so the routing cost is a visible share of it;
 * against a networked database the same absolute cost would be a far smaller share. Warm-up is long because
 * ShardingSphere's much larger code path needs some 20 s of calls before the JIT has compiled it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class RoutingOverheadBenchmark {

    static final int SHARDS = 4;
    /** One connection per benchmark thread at most; no peer ever waits for the pool. */
    static final int POOL_SIZE = 4;
    static final int SEEDED_ORDERS = 10_000;

    @Param({"DIRECT", "SHARDKIT", "SHARDKIT_SPRING", "HAND_ROLLED", "SHARDING_SPHERE"})
    public Peer peer;

    private H2Shards shards;
    private OrderStore store;
    private final AtomicLong nextOrderId = new AtomicLong(SEEDED_ORDERS);

    @Setup(Level.Trial)
    public void start() {
        shards = H2Shards.create(SHARDS).seedOrders(SEEDED_ORDERS);
        store = peer.open(shards, POOL_SIZE);
    }

    /** Keeps the table at its seeded size so that later iterations measure the same index depth. */
    @TearDown(Level.Iteration)
    public void dropInsertedOrders() {
        shards.executeOnEveryShard("DELETE FROM t_order WHERE order_id > " + SEEDED_ORDERS);
    }

    @TearDown(Level.Trial)
    public void stop() {
        store.close();
        shards.close();
    }

    /** Each benchmark thread's own repeatable sequence of seeded keys. */
    @State(Scope.Thread)
    public static class Keys {
        final KeyCursor cursor = new KeyCursor(SEEDED_ORDERS);
    }

    @Benchmark
    public @Nullable Order pointSelect(Keys keys) throws SQLException {
        return store.find(keys.cursor.next());
    }

    @Benchmark
    public void insertInTransaction() throws SQLException {
        long id = nextOrderId.incrementAndGet();
        store.insert(new Order(id, id % 1_000, 100, "NEW"));
    }
}
