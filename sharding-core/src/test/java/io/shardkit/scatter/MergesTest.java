package io.shardkit.scatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

class MergesTest {

    @Test
    void concatKeepsShardOrder() {
        assertThat(Merges.<Integer>concat().merge(List.of(List.of(3, 1), List.of(), List.of(2))))
                .containsExactly(3, 1, 2);
    }

    /** Fixed seed: a failure reproduces; 200 random layouts of up to 8 shards of up to 30 values. */
    @Test
    void orderedMergeEqualsSortingTheConcatenation() {
        SplittableRandom random = new SplittableRandom(20261126);
        for (int trial = 0; trial < 200; trial++) {
            orderedMergeEqualsSortingTheConcatenation(randomShards(random, 8, 30));
        }
    }

    private static void orderedMergeEqualsSortingTheConcatenation(List<List<Integer>> shards) {
        List<List<Integer>> sorted = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (List<Integer> shard : shards) {
            List<Integer> s = new ArrayList<>(shard);
            s.sort(Comparator.naturalOrder());
            sorted.add(s);
            all.addAll(s);
        }
        all.sort(Comparator.naturalOrder());
        assertThat(Merges.<Integer>ordered(Comparator.naturalOrder()).merge(sorted)).as("shards %s", shards)
                .isEqualTo(all);
    }

    /** Fixed seed: 200 random layouts of up to 6 shards of up to 20 values, n from 0 to 25. */
    @Test
    void topNIsThePrefixOfTheOrderedMerge() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            topNIsThePrefixOfTheOrderedMerge(randomShards(random, 6, 20), random.nextInt(26));
        }
    }

    private static List<List<Integer>> randomShards(SplittableRandom random, int maxShards, int maxRows) {
        List<List<Integer>> shards = new ArrayList<>();
        int count = random.nextInt(maxShards + 1);
        for (int i = 0; i < count; i++) {
            List<Integer> rows = new ArrayList<>();
            int size = random.nextInt(maxRows + 1);
            for (int r = 0; r < size; r++) {
                // A narrow value range makes ties across shards common, which the merge must keep.
                rows.add(random.nextInt(-50, 50));
            }
            shards.add(rows);
        }
        return shards;
    }

    private static void topNIsThePrefixOfTheOrderedMerge(List<List<Integer>> shards, int n) {
        Comparator<Integer> desc = Comparator.reverseOrder();
        List<List<Integer>> perShardTopN = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (List<Integer> shard : shards) {
            List<Integer> s = new ArrayList<>(shard);
            s.sort(desc);
            perShardTopN.add(s.subList(0, Math.min(n, s.size())));
            all.addAll(s);
        }
        all.sort(desc);
        Merger<List<Integer>, List<Integer>> topN = Merges.topN(desc, n);
        assertThat(topN.perShardLimit()).isEqualTo(n);
        assertThat(topN.merge(perShardTopN)).as("shards %s, n %d", shards, n)
                .isEqualTo(all.subList(0, Math.min(n, all.size())));
    }

    @Test
    void orderedMergeRefusesAnUnsortedShardResult() {
        assertThatThrownBy(() -> Merges.<Integer>ordered(Comparator.naturalOrder())
                .merge(List.of(List.of(1, 2), List.of(5, 4))))
                .isInstanceOf(UnsortedShardResultException.class)
                .hasMessageContaining("#1")
                .extracting(e -> ((UnsortedShardResultException) e).getPosition()).isEqualTo(1);
    }

    @Test
    void countsAndSumsAddUp() {
        assertThat(Merges.count().merge(List.of(3L, 0L, 4L))).isEqualTo(7L);
        assertThat(Merges.sumDecimal().merge(List.of(new BigDecimal("1.10"), new BigDecimal("2.05"))))
                .isEqualByComparingTo("3.15");
        assertThatThrownBy(() -> Merges.sumLong().merge(List.of(Long.MAX_VALUE, 1L)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void minAndMaxIgnoreShardsWithoutRows() {
        List<Optional<Integer>> partials = List.of(Optional.of(5), Optional.empty(), Optional.of(2));
        assertThat(Merges.<Integer>min(Comparator.naturalOrder()).merge(partials)).contains(2);
        assertThat(Merges.<Integer>max(Comparator.naturalOrder()).merge(partials)).contains(5);
        assertThat(Merges.<Integer>min(Comparator.naturalOrder()).merge(List.of(Optional.empty()))).isEmpty();
    }

    @Test
    void averageWeighsRowsNotShards() {
        // Shard A: 2 rows averaging 10; shard B: 8 rows averaging 0. The mean of means would say 5.
        SumCount merged = Merges.average().merge(List.of(SumCount.of(new BigDecimal("20"), 2),
                SumCount.of(BigDecimal.ZERO, 8)));
        assertThat(merged.average(2, RoundingMode.HALF_EVEN)).contains(new BigDecimal("2.00"));
        assertThat(Merges.average().merge(List.of(SumCount.of(null, 0))).average(2, RoundingMode.HALF_EVEN))
                .isEmpty();
    }

    @Test
    void groupByCombinesPartialsOfTheSameGroup() {
        Map<String, Long> merged = Merges.<String, Long>groupBy(Long::sum)
                .merge(List.of(Map.of("a", 1L, "b", 2L), Map.of("b", 3L, "c", 4L)));
        assertThat(merged).containsOnly(Map.entry("a", 1L), Map.entry("b", 5L), Map.entry("c", 4L));
        Map<String, Integer> minimums = Merges.<String, Integer>groupBy(BinaryOperator.minBy(
                Comparator.naturalOrder())).merge(List.of(Map.of("a", 7), Map.of("a", 3)));
        assertThat(minimums).containsExactly(Map.entry("a", 3));
    }

    @Test
    void distinctDropsDuplicatesAcrossShards() {
        assertThat(Merges.<String>distinct().merge(List.of(List.of("x", "y"), List.of("y", "z", "x"))))
                .containsExactly("x", "y", "z");
        assertThat(Merges.<Integer>distinctOrdered(Comparator.naturalOrder())
                .merge(List.of(List.of(1, 3, 3, 5), List.of(2, 3, 6)))).containsExactly(1, 2, 3, 5, 6);
    }

    @Test
    void firstPresentFollowsShardOrder() {
        assertThat(Merges.<String>firstPresent().merge(List.of(Optional.empty(), Optional.of("b"),
                Optional.of("c")))).contains("b");
    }
}
