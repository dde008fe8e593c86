package io.shardkit.benchmarks.scatter;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.benchmarks.support.Order;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Proves the scatter-gather benchmarks' set-ups before they are measured: the fan-out reaches every shard, the
 * merge and the sort return the same rows, and shardkit's top-N, ShardingSphere's and the sequential baseline
 * agree on the seeded shards.
 */
class ScatterBenchmarksSmokeTest {

    @Test
    void theFanOutCallsEveryShardOnceAndTakesAboutOneDelayNotTheSum() {
        FanOutBenchmark benchmark = new FanOutBenchmark();
        benchmark.shards = 16;
        benchmark.start();
        try {
            long fastest = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThat(benchmark.fanOut()).isEqualTo(16L);
                fastest = Math.min(fastest, (System.nanoTime() - start) / 1_000);
            }
            // 16 x 2 ms one after the other would be 32 ms; the fastest of five calls stays clear of a loaded
            // machine's occasional stall.
            assertThat(fastest).isBetween((long) FanOutBenchmark.DELAY_MICROS, 8L * FanOutBenchmark.DELAY_MICROS);
        } finally {
            benchmark.stop();
        }
    }

    @Test
    void theKWayMergeAndTheSortReturnTheSameRows() {
        OrderedMergeBenchmark benchmark = new OrderedMergeBenchmark();
        benchmark.shards = 8;
        benchmark.prepare();

        List<Order> sorted = benchmark.sortConcatenation();
        assertThat(sorted).hasSize(OrderedMergeBenchmark.ROWS).isSortedAccordingTo(OrderedMergeBenchmark.BY_AMOUNT);
        assertThat(benchmark.kWayMerge()).isEqualTo(sorted);
        assertThat(benchmark.firstPage()).isEqualTo(sorted.subList(0, OrderedMergeBenchmark.PAGE))
                .isEqualTo(benchmark.firstPageBySort());
    }

    @Test
    void shardkitShardingSphereAndTheSequentialBaselineReturnTheSameTopN() throws SQLException {
        TopNBenchmark benchmark = new TopNBenchmark();
        benchmark.start();
        try {
            // Seeded amounts are id x 10: the top orders are the highest ids.
            List<Long> expected = LongStream.iterate(TopNBenchmark.SEEDED_ORDERS, id -> id - 1)
                    .limit(TopNBenchmark.TOP).boxed().toList();
            assertThat(benchmark.shardkit()).extracting(Order::orderId).isEqualTo(expected);
            assertThat(benchmark.shardingSphere()).isEqualTo(benchmark.shardkit());
            assertThat(benchmark.directSequential()).isEqualTo(benchmark.shardkit());
            assertThat(benchmark.shardkitOnPool()).isEqualTo(benchmark.shardkit());
            assertThat(benchmark.oneShard()).hasSize(TopNBenchmark.TOP)
                    .isSortedAccordingTo(TopNBenchmark.HIGHEST_AMOUNT_FIRST);
        } finally {
            benchmark.stop();
        }
    }
}
