package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.scatter.ScatterGatherException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The merges by return type, one shard's part at a time, without Spring or databases. */
class ResultMergeTest {

    private static final List<Shard> SHARDS = List.of(new Shard("shard-0", 0, new DriverManagerDataSource()),
            new Shard("shard-1", 1, new DriverManagerDataSource()),
            new Shard("shard-2", 2, new DriverManagerDataSource()));

    @Test
    void numbersSumAndANullPartAddsNothing() {
        assertThat(merge(ReturnKind.LONG, 3L, null, 4L)).isEqualTo(7L);
        assertThat(merge(ReturnKind.INT, 1, 2, 3)).isEqualTo(6);
        assertThat(merge(ReturnKind.DOUBLE, 0.5, 0.25, null)).isEqualTo(0.75);
        assertThat(merge(ReturnKind.DECIMAL, new BigDecimal("1.10"), null, new BigDecimal("2.05")))
                .isEqualTo(new BigDecimal("3.15"));
        assertThat(merge(ReturnKind.LONG)).as("no shard at all").isEqualTo(0L);
        assertThat(merge(ReturnKind.VOID, null, null)).isNull();
    }

    @Test
    void anOverflowingSumFailsInsteadOfWrapping() {
        assertThatThrownBy(() -> merge(ReturnKind.INT, Integer.MAX_VALUE, 1))
                .isInstanceOf(ScatterGatherException.class)
                .hasMessageContaining("Repo.m()").hasMessageContaining("overflows int");
        assertThatThrownBy(() -> merge(ReturnKind.LONG, Long.MAX_VALUE, 1L))
                .isInstanceOf(ScatterGatherException.class).hasMessageContaining("overflows long");
    }

    @Test
    void collectionsConcatenateUniteAndCutAtTheLimitInShardOrder() {
        assertThat(merge(ReturnKind.LIST, List.of(1, 2), Set.of(3), List.of(4))).isEqualTo(List.of(1, 2, 3, 4));
        assertThat(new ResultMerge("orders", "Repo.m()", ReturnKind.LIST, null, 3).merge(parts(List.of(1, 2),
                List.of(3, 4))).value()).isEqualTo(List.of(1, 2, 3));
        assertThat(merge(ReturnKind.SET, Set.of(1), Set.of(1, 2), Set.of(3))).isEqualTo(Set.of(1, 2, 3));
        assertThat(merge(ReturnKind.LIST, List.of(1), List.of())).isInstanceOf(ArrayList.class);
    }

    @Test
    void anOrderedMergeInterleavesSortedPartsAndNamesAShardThatIsNotSorted() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Object> natural = (Comparator) Comparator.<Integer>naturalOrder();
        ResultMerge ordered = new ResultMerge("orders", "Repo.m()", ReturnKind.LIST, natural, 4);
        assertThat(ordered.merge(parts(List.of(1, 5, 9), List.of(2, 3), List.of(4, 6))).value())
                .isEqualTo(List.of(1, 2, 3, 4));
        assertThatThrownBy(() -> ordered.merge(parts(List.of(1, 2), List.of(3, 1))))
                .isInstanceOf(ScatterGatherException.class).hasMessageContaining("shard 'shard-1'")
                .hasMessageContaining("not sorted");
    }

    @Test
    void anOptionalIsTheFirstPresentInShardOrder() {
        assertThat(merge(ReturnKind.OPTIONAL, Optional.empty(), Optional.of("b"), Optional.of("c")))
                .isEqualTo(Optional.of("b"));
        assertThat(merge(ReturnKind.OPTIONAL, Optional.empty())).isEqualTo(Optional.empty());
    }

    @Test
    void mapsSumNumbersOfOneTypeKeepEqualValuesAndRefuseDifferentOnes() {
        assertThat(merge(ReturnKind.MAP, Map.of("a", 1L, "b", 2L), Map.of("a", 10L), Map.of("c", 5L)))
                .isEqualTo(Map.of("a", 11L, "b", 2L, "c", 5L));
        assertThat(merge(ReturnKind.MAP, Map.of("eur", "Euro"), Map.of("eur", "Euro"))).isEqualTo(
                Map.of("eur", "Euro"));
        assertThatThrownBy(() -> merge(ReturnKind.MAP, Map.of("k", 1L), Map.of("k", 1)))
                .isInstanceOf(MergeConflictException.class)
                .hasMessageContaining("[java.lang.Long 1] on shard 'shard-0'")
                .hasMessageContaining("[java.lang.Integer 1] on shard 'shard-1'");
        assertThatThrownBy(() -> merge(ReturnKind.MAP, Map.of("k", "x"), Map.of(), Map.of("k", "y")))
                .isInstanceOf(MergeConflictException.class)
                .satisfies(e -> assertThat(((MergeConflictException) e).getShard()).isEqualTo("shard-2"));
    }

    @Test
    void everySupportedReturnTypeHasAKindAndOthersNone() {
        assertThat(ReturnKind.of(void.class)).isEqualTo(ReturnKind.VOID);
        assertThat(ReturnKind.of(Integer.class)).isEqualTo(ReturnKind.INT);
        assertThat(ReturnKind.of(java.util.Collection.class)).isEqualTo(ReturnKind.LIST);
        assertThat(ReturnKind.of(ArrayList.class)).isEqualTo(ReturnKind.LIST);
        assertThat(ReturnKind.of(Set.class)).isEqualTo(ReturnKind.SET);
        assertThat(ReturnKind.of(java.util.HashMap.class)).isEqualTo(ReturnKind.MAP);
        assertThat(ReturnKind.of(java.util.TreeMap.class)).isNull();
        assertThat(ReturnKind.of(java.util.LinkedList.class)).isNull();
        assertThat(ReturnKind.of(Object.class)).isNull();
        assertThat(ReturnKind.of(String.class)).isNull();
        assertThat(ReturnKind.of(Iterable.class)).isNull();
    }

    private static @Nullable Object merge(ReturnKind kind, @Nullable Object... values) {
        return new ResultMerge("orders", "Repo.m()", kind, null, -1).merge(parts(values)).value();
    }

    private static List<ShardPart> parts(@Nullable Object... values) {
        List<ShardPart> parts = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            parts.add(new ShardPart(SHARDS.get(i), values[i]));
        }
        return parts;
    }
}
