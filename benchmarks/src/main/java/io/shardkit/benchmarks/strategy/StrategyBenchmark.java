package io.shardkit.benchmarks.strategy;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.strategy.KeyRange;
import io.shardkit.strategy.RangeStrategyBuilder;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.strategy.ShardingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns/op of each strategy's {@code shardOf} for one key (hash, range; directory and id once they exist), beside the floor: an unsigned modulo of the same key.
 * Keys are boxed {@code Long}s drawn from a pre-filled array, so the boxing a caller pays is outside the
 * measurement; run with {@code -prof gc} to see that routing itself allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class StrategyBenchmark {

    private static final String RULE = "orders";
    private static final int KEYS = 1024;

    @Param({"4", "16"})
    public int shards;

    private final Long[] keys = new Long[KEYS];
    private int next;
    private ShardingStrategy hash;
    private ShardingRule hashRule;
    private ShardingStrategy range;

    @Setup
    public void prepare() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = random.nextLong(1, Long.MAX_VALUE);
        }
        hash = ShardingStrategies.hash(shards);
        hashRule = new ShardingRule(RULE, placeholderShards(shards), hash);
        range = evenRanges(shards);
    }

    /** {@code count} equal ranges over the positive longs the keys are drawn from, one per shard. */
    static ShardingStrategy evenRanges(int count) {
        RangeStrategyBuilder<Long> builder = ShardingStrategies.range(Long.class);
        long width = Long.MAX_VALUE / count;
        for (int i = 0; i < count - 1; i++) {
            builder.range(KeyRange.closedOpen(i * width, (i + 1) * width), "shard-" + i);
        }
        return builder.range(KeyRange.atLeast((count - 1) * width), "shard-" + (count - 1)).build();
    }

    /** Shards whose DataSource is never asked for a connection: only the slot-to-shard read is measured. */
    static List<Shard> placeholderShards(int count) {
        List<Shard> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new Shard("shard-" + i, i, ShardRoutingDataSource.create()));
        }
        return list;
    }

    private Long nextKey() {
        Long key = keys[next];
        next = (next + 1) & (KEYS - 1);
        return key;
    }

    /** The floor: the same boxed key, unboxed, reduced modulo the shard count. */
    @Benchmark
    public int baselineModulo() {
        return (int) Long.remainderUnsigned(nextKey(), shards);
    }

    /** Murmur3 of the key's bytes, then jump consistent hash. */
    @Benchmark
    public int hash() {
        return hash.shardOf(RULE, nextKey());
    }

    /** Range lookup: which of {@code shards} ranges holds the key. */
    @Benchmark
    public int range() {
        return range.shardOf(RULE, nextKey());
    }

    /** What a routed call pays: the strategy plus the rule's slot-to-shard read. */
    @Benchmark
    public Shard hashRule() {
        return hashRule.shardOf(nextKey());
    }
}
