package io.shardkit.benchmarks.scatter;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.scatter.Merger;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ShardCall;
import io.shardkit.strategy.ShardingStrategies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fan-out latency: one {@link ScatterGatherExecutor#onEveryShard} over 1 to 16 shards whose every call takes the
 * same fixed {@value #DELAY_MICROS} µs, beside {@link #oneCallSameDelay()}, one such call on the caller's thread.
 * The target is a fan-out within 1 ms of the baseline at 16 shards: the caller waits for the slowest shard, not
 * the sum.
 *
 * <p>The delay is a park ({@link LockSupport#parkNanos}), not CPU work or a database call, so that 16 shards
 * can wait at once on a 2-core machine and the figure is the executor's (submit, wake-ups, completion queue,
 * merge), not H2's. The executor's pool has 16 workers, one per shard at the widest fan-out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FanOutBenchmark {

    static final int DELAY_MICROS = 2_000;
    private static final long DELAY_NANOS = TimeUnit.MICROSECONDS.toNanos(DELAY_MICROS);
    private static final int MAX_SHARDS = 16;
    private static final ShardCall<Object, Long> DELAYED = request -> delay();

    @Param({"1", "2", "4", "8", "16"})
    public int shards;

    private ScatterGatherExecutor executor;
    private ShardingRule rule;
    private final Merger<Long, Long> count = Merges.count();

    @Setup
    public void start() {
        executor = ScatterGatherExecutor.builder().parallelism(MAX_SHARDS).build();
        rule = new ShardingRule("fan-out", shardsWithoutDatabase(shards), ShardingStrategies.hash(shards));
    }

    @TearDown
    public void stop() {
        executor.close();
    }

    /** Shards that are never connected to: the calls only park. */
    static List<Shard> shardsWithoutDatabase(int count) {
        List<Shard> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new Shard("shard-" + i, i, ShardRoutingDataSource.create()));
        }
        return list;
    }

    /** Parks for the delay; parks again if woken early (a park may return spuriously). */
    private static Long delay() {
        long until = System.nanoTime() + DELAY_NANOS;
        for (long left = DELAY_NANOS; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return 1L;
    }

    /** Baseline: the delay of one shard's call, on the caller's thread. */
    @Benchmark
    public Long oneCallSameDelay() {
        return delay();
    }

    /** Every shard's call in parallel on the executor, counted by {@link Merges#count()}. */
    @Benchmark
    public Long fanOut() {
        return executor.onEveryShard(rule, DELAYED, count).value();
    }
}
