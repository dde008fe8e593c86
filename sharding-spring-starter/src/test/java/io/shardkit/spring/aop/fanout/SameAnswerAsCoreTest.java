package io.shardkit.spring.aop.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardContext;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.scatter.MergeConflictException;
import io.shardkit.scatter.Merger;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.spring.aop.MethodRouting;
import io.shardkit.spring.aop.ShardedMethodInterceptor;
import io.shardkit.testing.H2ShardFixtures;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;

/**
 * A {@code @ScatterGather} method and a core caller of {@code ScatterGatherExecutor} with the matching
 * {@link Merges} merger get the same answer for the same per-shard results, nulls and conflicts included: the
 * starter maps return types onto core's mergers and adds no semantics of its own.
 */
class SameAnswerAsCoreTest {

    private static final Map<?, ?> NULLS = nullValues();

    private final ShardingRule rule = H2ShardFixtures.hashRule("orders", 3);
    private final ScatterGatherExecutor executor = ScatterGatherExecutor.ofDefaults();
    private final Shapes shapes = proxy();

    /** Per-shard results, by shard index. */
    public static class Shapes {
        static final Object[] LONGS = {3L, null, 4L};
        static final Object[] INTS = {1, 2, null};
        static final Object[] DOUBLES = {0.5, null, 0.25};
        static final Object[] DECIMALS = {new BigDecimal("1.10"), null, new BigDecimal("2.05")};
        static final Object[] LISTS = {Arrays.asList(null, 1, 4), null, List.of(2, 3)};
        static final Object[] SETS = {Set.of(1, 2), Set.of(2), null};
        static final Object[] OPTIONALS = {Optional.empty(), null, Optional.of("c")};
        static final Object[] MAPS = {Map.of("a", 1L, "eur", "Euro"), NULLS, Map.of("a", 10L, "eur", "Euro")};
        static final Object[] CONFLICTS = {Map.of("k", 1L), Map.of("k", 1), Map.of()};

        static @Nullable Object part(Object[] parts) {
            return parts[ShardContext.current().index()];
        }

        @ScatterGather
        public @Nullable Long longs() {
            return (Long) part(LONGS);
        }

        @ScatterGather
        public @Nullable Integer ints() {
            return (Integer) part(INTS);
        }

        @ScatterGather
        public @Nullable Double doubles() {
            return (Double) part(DOUBLES);
        }

        @ScatterGather
        public @Nullable BigDecimal decimals() {
            return (BigDecimal) part(DECIMALS);
        }

        @SuppressWarnings("unchecked")
        @ScatterGather
        public @Nullable List<Integer> lists() {
            return (List<Integer>) part(LISTS);
        }

        @SuppressWarnings("unchecked")
        @ScatterGather(orderBy = NullsFirst.class, limit = 3)
        public @Nullable List<Integer> top3() {
            return (List<Integer>) part(LISTS);
        }

        @SuppressWarnings("unchecked")
        @ScatterGather(limit = 2)
        public @Nullable List<Integer> first2() {
            return (List<Integer>) part(LISTS);
        }

        @SuppressWarnings("unchecked")
        @ScatterGather
        public @Nullable Set<Integer> sets() {
            return (Set<Integer>) part(SETS);
        }

        @SuppressWarnings("unchecked")
        @ScatterGather
        public @Nullable Optional<String> optionals() {
            return (Optional<String>) part(OPTIONALS);
        }

        @SuppressWarnings("unchecked")
        @ScatterGather
        public @Nullable Map<String, Object> maps() {
            return (Map<String, Object>) part(MAPS);
        }

        @SuppressWarnings("unchecked")
        @ScatterGather
        public @Nullable Map<String, Object> conflicts() {
            return (Map<String, Object>) part(CONFLICTS);
        }
    }

    /** Natural order, NULLs first (H2's ascending order). */
    public static final class NullsFirst implements Comparator<Integer> {
        private static final Comparator<Integer> ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

        @Override
        public int compare(Integer a, Integer b) {
            return ORDER.compare(a, b);
        }
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void numbersSumAndAShardsNullAddsNothing() {
        assertSame(shapes::longs, Shapes.LONGS, Merges.sumLong(), 7L);
        assertSame(shapes::ints, Shapes.INTS, Merges.sumInt(), 3);
        assertSame(shapes::doubles, Shapes.DOUBLES, Merges.sumDouble(), 0.75);
        assertSame(shapes::decimals, Shapes.DECIMALS, Merges.sumDecimal(), new BigDecimal("3.15"));
    }

    @Test
    void listsKeepNullElementsAndSkipANullShard() {
        assertSame(shapes::lists, Shapes.LISTS, Merges.concat(), Arrays.asList(null, 1, 4, 2, 3));
        assertSame(shapes::top3, Shapes.LISTS, Merges.topN(new NullsFirst(), 3), Arrays.asList(null, 1, 2));
        assertSame(shapes::first2, Shapes.LISTS, Merges.firstN(2), Arrays.asList(null, 1));
        assertSame(shapes::sets, Shapes.SETS, Merges.union(), Set.of(1, 2));
        assertSame(shapes::optionals, Shapes.OPTIONALS, Merges.firstPresent(), Optional.of("c"));
    }

    @Test
    void mapsSumNumbersKeepEqualValuesAndNullsAlike() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("a", 11L);
        expected.put("eur", "Euro");
        expected.put("none", null);
        assertSame(shapes::maps, Shapes.MAPS, Merges.groupBy(), expected);
    }

    @Test
    void aMapConflictIsTheSameFailureNamingTheSameShards() {
        Throwable core = catchFailure(() -> everyShard(Shapes.CONFLICTS, Merges.groupBy()));
        assertThatThrownBy(shapes::conflicts).isInstanceOf(MergeConflictException.class).hasMessage(core.getMessage())
                .hasMessageContaining("[java.lang.Long 1] on shard 's0', [java.lang.Integer 1] on shard 's1'");
        assertThatThrownBy(() -> everyShard(new Object[] {Integer.MAX_VALUE, 1, 0}, Merges.sumInt()))
                .isInstanceOf(ScatterGatherException.class).hasMessageContaining("integer overflow");
    }

    private <R> void assertSame(Supplier<?> annotated, Object[] parts, Merger<?, R> merger, Object expected) {
        Object core = everyShard(parts, merger);
        assertThat(core).as("core").isEqualTo(expected);
        assertThat(annotated.get()).as("@ScatterGather").isEqualTo(core);
    }

    @SuppressWarnings("unchecked")
    private <R> R everyShard(Object[] parts, Merger<?, R> merger) {
        return executor.onEveryShard(rule, req -> parts[req.shard().index()], (Merger<Object, R>) merger).value();
    }

    private static Throwable catchFailure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ex) {
            return ex;
        }
        throw new AssertionError("expected a failure");
    }

    private Shapes proxy() {
        ShardingRules rules = ShardingRules.of(List.of(rule), "orders");
        ScatterGatherInterceptor interceptor = new ScatterGatherInterceptor(new MethodRouting(() -> rules),
                () -> executor, ShardedMethodInterceptor.DEFAULT_ORDER);
        ProxyFactory factory = new ProxyFactory(new Shapes());
        factory.setProxyTargetClass(true);
        factory.addAdvisor(new ScatterGatherAdvisor(interceptor));
        return (Shapes) factory.getProxy();
    }

    private static Map<?, ?> nullValues() {
        Map<String, @Nullable Object> map = new HashMap<>();
        map.put("a", null);
        map.put("none", null);
        return map;
    }
}
