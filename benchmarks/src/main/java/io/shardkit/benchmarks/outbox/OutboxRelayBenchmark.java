package io.shardkit.benchmarks.outbox;

import io.shardkit.Shard;
import io.shardkit.benchmarks.support.H2Shards;
import io.shardkit.benchmarks.support.PooledShards;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How fast the outbox relay drains a backlog: every iteration writes {@value #EVENTS_PER_SHARD} pending events
 * into each shard's shipped {@code outbox} table, then {@link #relay()} runs an {@link OutboxRelay} (one thread
 * per shard, as it runs by default) until an {@link InMemoryOutboxPublisher} has confirmed all of them. Its
 * baseline {@link #handWrittenLoop()} drains the same tables with {@link OutboxBacklog#drainByHand}, one thread
 * per shard. Scores are microseconds per event (single shot, {@code @OperationsPerInvocation} = every event of
 * the iteration); events per second = 10^6 / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OutboxRelayBenchmark {

    static final int EVENTS_PER_SHARD = 25_000;
    private static final int SHARDS = 4;
    private static final int EVENTS = SHARDS * EVENTS_PER_SHARD;

    @Param({"100", "500"})
    public int batchSize;

    private H2Shards databases;
    private PooledShards pools;

    @Setup(Level.Trial)
    public void start() {
        databases = H2Shards.create(SHARDS);
        pools = PooledShards.open(databases, 4);
    }

    /** A fresh backlog of the same size on every shard before each drain. */
    @Setup(Level.Iteration)
    public void fill() throws Exception {
        databases.executeOnEveryShard("TRUNCATE TABLE outbox");
        for (int i = 0; i < SHARDS; i++) {
            OutboxBacklog.fill(pools.pool(i), EVENTS_PER_SHARD);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        pools.close();
        databases.close();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long relay() throws InterruptedException {
        InMemoryOutboxPublisher publisher = new InMemoryOutboxPublisher();
        CountDownLatch drained = countDown(publisher);
        OutboxRelayConfig config = OutboxRelayConfig.custom().batchSize(batchSize).build();
        try (OutboxRelay relay = OutboxRelay.builder(publisher).shards(pools.registry()).config(config).build()) {
            relay.start();
            if (!drained.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("relay published " + publisher.publishedCount() + " of " + EVENTS);
            }
        }
        return publisher.publishedCount();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long handWrittenLoop() throws InterruptedException {
        InMemoryOutboxPublisher publisher = new InMemoryOutboxPublisher();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            int index = i;
            Shard shard = pools.registry().shard(index);
            Thread thread = new Thread(() -> {
                try {
                    OutboxBacklog.drainByHand(pools.pool(index), shard.name(), batchSize, publisher);
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }, "hand-written-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (publisher.publishedCount() != EVENTS) {
            throw new IllegalStateException("hand-written loop published " + publisher.publishedCount());
        }
        return publisher.publishedCount();
    }

    private static CountDownLatch countDown(InMemoryOutboxPublisher publisher) {
        CountDownLatch drained = new CountDownLatch(1);
        AtomicLong seen = new AtomicLong();
        publisher.addListener(batch -> {
            if (seen.addAndGet(batch.size()) >= EVENTS) {
                drained.countDown();
            }
        });
        return drained;
    }
}
