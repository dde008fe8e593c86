package io.shardkit.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.KeyOutOfRangeException;
import io.shardkit.KeyRange;
import io.shardkit.NamedShardingStrategy;
import io.shardkit.ShardingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Property: for random range layouts (with gaps, open ends, shared shards and an optional default) and random
 * queries, {@code shardsFor} returns exactly the slots of the keys inside the query: never missing one (which
 * would lose rows in scatter-gather) and, for bounded queries, never one no key can reach. Inputs come from a
 * fixed seed, so a failure names its trial and reproduces.
 */
class RangePruningTest {

    private static final String RULE = "prop";
    private static final String[] SHARDS = {"s0", "s1", "s2", "s3"};

    @Test
    void shardsForReturnsExactlyTheSlotsOfTheKeysInTheQuery() {
        SplittableRandom random = new SplittableRandom(4242);
        for (int trial = 0; trial < 400; trial++) {
            List<Integer> cuts = new ArrayList<>();
            int cutCount = 1 + random.nextInt(8);
            for (int i = 0; i < cutCount; i++) {
                cuts.add(random.nextInt(-1000, 1001));
            }
            List<Integer> owners = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                owners.add(random.nextInt(-1, 4));
            }
            check(cuts, owners, random.nextBoolean(), random.nextInt(-1100, 1101), random.nextInt(-1100, 1101),
                    random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean());
        }
    }

    private static void check(List<Integer> cuts, List<Integer> owners, boolean withDefault, int a, int b,
                              boolean lowerInclusive, boolean upperInclusive, boolean openLower, boolean openUpper) {
        NamedShardingStrategy strategy = layout(cuts, owners, withDefault);
        if (strategy == null) {
            return;
        }
        long lo = Math.min(a, b);
        long hi = Math.max(a, b);
        if (lo == hi && !(lowerInclusive && upperInclusive)) {
            return;
        }
        KeyRange<Long> query = new KeyRange<>(openLower ? null : lo, lowerInclusive, openUpper ? null : hi,
                upperInclusive);
        TreeSet<Integer> returned = new TreeSet<>();
        for (int slot : strategy.shardsFor(RULE, query)) {
            assertThat(returned.add(slot)).as("slot %d returned twice", slot).isTrue();
        }
        assertThat(strategy.shardsFor(RULE, query)).isSorted();

        // Every key of the query lies on a returned shard; probing beyond the layout covers the open ends.
        TreeSet<Integer> reached = new TreeSet<>();
        for (long key = -1200; key <= 1200; key++) {
            if (query.contains(key)) {
                Integer slot = slotOrNull(strategy, key);
                if (slot != null) {
                    assertThat(returned).as("key %d of %s", key, query).contains(slot);
                    reached.add(slot);
                }
            }
        }
        if (!openLower && !openUpper) {
            assertThat(returned).as("pruning of %s", query).isEqualTo(reached);
        }
    }

    /** Ranges between consecutive cuts, owner -1 meaning a gap; the ends are open when owners say so. */
    private static @Nullable NamedShardingStrategy layout(List<Integer> cuts, List<Integer> owners,
                                                         boolean withDefault) {
        List<Long> bounds = cuts.stream().distinct().sorted().map(Integer::longValue).toList();
        RangeStrategyBuilder<Long> builder = ShardingStrategies.range(Long.class);
        int ranges = 0;
        if (owners.get(0) >= 0) {
            builder.range(KeyRange.lessThan(bounds.get(0)), SHARDS[owners.get(0)]);
            ranges++;
        }
        for (int i = 0; i + 1 < bounds.size(); i++) {
            int owner = owners.get(i + 1);
            if (owner >= 0) {
                builder.range(KeyRange.closedOpen(bounds.get(i), bounds.get(i + 1)), SHARDS[owner]);
                ranges++;
            }
        }
        int last = owners.get(bounds.size());
        if (last >= 0) {
            builder.range(KeyRange.atLeast(bounds.get(bounds.size() - 1)), SHARDS[last]);
            ranges++;
        }
        if (ranges == 0) {
            return null;
        }
        if (withDefault) {
            builder.defaultShard("default");
        }
        return builder.build();
    }

    private static @Nullable Integer slotOrNull(ShardingStrategy strategy, long key) {
        try {
            return strategy.shardOf(RULE, key);
        } catch (KeyOutOfRangeException gap) {
            return null;
        }
    }
}
