package io.shardkit.benchmarks.scatter;

import io.shardkit.benchmarks.support.Order;
import io.shardkit.scatter.Merger;
import io.shardkit.scatter.Merges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
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
 * Merging {@value #ROWS} rows that {@code shards} shards returned, each shard's rows already sorted by amount (as
 * {@code ORDER BY} leaves them): {@link Merges#ordered} (a k-way heap merge) against the baseline
 * {@link #sortConcatenation()}, appending the lists and sorting the result. {@link #firstPage()} and
 * {@link #firstPageBySort()} need only the first {@value #PAGE} rows, where the streaming merge
 * ({@link Merges#mergeSorted}) stops early and the sort cannot.
 *
 * <p>Note that Java's sort (TimSort) finds the shards' sorted runs in the concatenation and merges them, so the
 * baseline is itself a run merge, not an O(n log n) sort of shuffled rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OrderedMergeBenchmark {

    static final int ROWS = 100_000;
    static final int PAGE = 100;
    static final Comparator<Order> BY_AMOUNT = Comparator.comparingLong(Order::amount)
            .thenComparingLong(Order::orderId);

    @Param({"8"})
    public int shards;

    private List<List<Order>> perShard;
    private final Merger<List<Order>, List<Order>> ordered = Merges.ordered(BY_AMOUNT);

    @Setup
    public void prepare() {
        perShard = sortedShards(shards, ROWS, 42);
    }

    /** {@code rows} orders with random amounts dealt round-robin to {@code shards} lists, each then sorted. */
    static List<List<Order>> sortedShards(int shards, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Order>> lists = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++) {
            lists.add(new ArrayList<>(rows / shards + 1));
        }
        for (int i = 0; i < rows; i++) {
            lists.get(i % shards).add(new Order(i, i % 1_000, random.nextLong(1_000_000), "NEW"));
        }
        List<List<Order>> sorted = new ArrayList<>(shards);
        for (List<Order> list : lists) {
            list.sort(BY_AMOUNT);
            sorted.add(List.copyOf(list));
        }
        return List.copyOf(sorted);
    }

    /** Baseline: every shard's rows appended into one list, which is then sorted. */
    @Benchmark
    public List<Order> sortConcatenation() {
        return sortedConcatenation(perShard);
    }

    static List<Order> sortedConcatenation(List<List<Order>> lists) {
        int size = 0;
        for (List<Order> list : lists) {
            size += list.size();
        }
        List<Order> all = new ArrayList<>(size);
        for (List<Order> list : lists) {
            all.addAll(list);
        }
        all.sort(BY_AMOUNT);
        return all;
    }

    /** shardkit's k-way merge of the sorted lists. */
    @Benchmark
    public List<Order> kWayMerge() {
        return ordered.merge(perShard);
    }

    /** Baseline for a page: sort everything, keep the first {@value #PAGE}. */
    @Benchmark
    public List<Order> firstPageBySort() {
        return sortedConcatenation(perShard).subList(0, PAGE);
    }

    /** The streaming merge, stopped after {@value #PAGE} rows. */
    @Benchmark
    public List<Order> firstPage() {
        Iterator<Order> merged = Merges.mergeSorted(perShard, BY_AMOUNT);
        List<Order> page = new ArrayList<>(PAGE);
        while (page.size() < PAGE && merged.hasNext()) {
            page.add(merged.next());
        }
        return page;
    }
}
