package io.shardkit.scatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The merge library's one semantics for nulls (a shard's null result adds nothing; a null element, key or value
 * is a value) and for map conflicts, and the merges the {@code @ScatterGather} return types map onto.
 */
class MergesNullAndMapTest {

    @Test
    void aShardsNullResultAddsNothingToAnyMerge() {
        assertThat(Merges.sumLong().merge(parts(3L, null, 4L))).isEqualTo(7L);
        assertThat(Merges.sumInt().merge(parts(1, null))).isEqualTo(1);
        assertThat(Merges.sumDouble().merge(parts(0.5, null, 0.25))).isEqualTo(0.75);
        assertThat(Merges.sumDecimal().merge(parts(new BigDecimal("1.10"), null))).isEqualTo(new BigDecimal("1.10"));
        assertThat(Merges.<Integer>concat().merge(parts(List.of(1), null, List.of(2)))).containsExactly(1, 2);
        assertThat(Merges.<Integer>ordered(Comparator.naturalOrder()).merge(parts(null, List.of(1, 3), List.of(2))))
                .containsExactly(1, 2, 3);
        assertThat(Merges.<Integer>union().merge(parts(null, Set.of(1)))).containsExactly(1);
        assertThat(Merges.<String>firstPresent().merge(parts(null, Optional.of("b")))).contains("b");
        assertThat(Merges.<String, Long>groupBy(Long::sum).merge(parts(null, Map.of("a", 1L)))).containsEntry("a", 1L);
    }

    @Test
    void distinctKeepsOneNullAsAValue() {
        // Before: NullPointerException from List.copyOf on a NULL column value.
        assertThat(Merges.<String>distinct().merge(List.of(Arrays.asList("a", null), Arrays.asList(null, "b", "a"))))
                .containsExactly("a", null, "b");
    }

    @Test
    void nullElementsSurviveConcatenationAndOrderedMerges() {
        Comparator<Integer> nullsFirst = Comparator.nullsFirst(Comparator.naturalOrder());
        List<List<Integer>> shards = List.of(Arrays.asList(null, 1, 4), Arrays.asList(null, 2), List.of(3));
        assertThat(Merges.<Integer>concat().merge(shards)).containsExactly(null, 1, 4, null, 2, 3);
        assertThat(Merges.ordered(nullsFirst).merge(shards)).containsExactly(null, null, 1, 2, 3, 4);
        assertThat(Merges.topN(nullsFirst, 3).merge(shards)).containsExactly(null, null, 1);
        assertThat(Merges.distinctOrdered(nullsFirst).merge(shards)).containsExactly(null, 1, 2, 3, 4);
    }

    @Test
    void aNullGroupKeyIsAGroupAndANullPartialIsSkipped() {
        Map<@Nullable String, @Nullable Long> first = new HashMap<>();
        first.put(null, 2L);
        first.put("a", null);
        Map<@Nullable String, @Nullable Long> second = new HashMap<>();
        second.put(null, 3L);
        second.put("a", 5L);
        second.put("b", null);
        Map<@Nullable String, @Nullable Long> merged = Merges.<@Nullable String, @Nullable Long>groupBy(Long::sum)
                .merge(List.of(first, second));
        Map<@Nullable String, @Nullable Long> expected = new HashMap<>();
        expected.put(null, 5L);
        expected.put("a", 5L);
        expected.put("b", null);
        assertThat(merged).isEqualTo(expected);
    }

    @Test
    void theDefaultMapMergeSumsNumbersKeepsEqualValuesAndRefusesDifferentOnes() {
        assertThat(Merges.<String, Object>groupBy().merge(List.of(Map.of("a", 1L, "b", 2L), Map.of("a", 10L),
                Map.of("c", 5L)))).isEqualTo(Map.of("a", 11L, "b", 2L, "c", 5L));
        assertThat(Merges.<String, Object>groupBy().merge(List.of(Map.of("eur", "Euro"), Map.of("eur", "Euro"))))
                .isEqualTo(Map.of("eur", "Euro")).isInstanceOf(LinkedHashMap.class);
        assertThatThrownBy(() -> Merges.<String, Object>groupBy().merge(List.of(Map.of("k", 1L), Map.of("k", 1))))
                .isInstanceOfSatisfying(MergeConflictException.class, e -> {
                    assertThat(e.getMapKey()).isEqualTo("k");
                    assertThat(e).hasMessage("Map merge: different values for map key [java.lang.String k]: "
                            + "[java.lang.Long 1] on result #0, [java.lang.Integer 1] on result #1; a map merge sums "
                            + "numbers of one type and keeps equal values, it cannot choose between different ones");
                });
        assertThatThrownBy(() -> Merges.<String, Integer>groupBy().merge(List.of(Map.of("k", Integer.MAX_VALUE),
                Map.of("k", 1)))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void firstNKeepsShardOrderAndAsksEachShardForNRows() {
        Merger<List<Integer>, List<Integer>> first3 = Merges.firstN(3);
        assertThat(first3.merge(List.of(List.of(1, 2), List.of(3, 4), List.of(5)))).containsExactly(1, 2, 3);
        assertThat(first3.perShardLimit()).isEqualTo(3);
        assertThat(Merges.<Integer>union().merge(List.of(Set.of(1), List.of(1, 2), Set.of(3))))
                .containsExactly(1, 2, 3);
    }

    @SafeVarargs
    private static <T> List<T> parts(@Nullable T... values) {
        return new ArrayList<>(Arrays.asList(values));
    }
}
