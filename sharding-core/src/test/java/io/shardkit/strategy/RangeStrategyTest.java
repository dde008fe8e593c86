package io.shardkit.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.KeyGroup;
import io.shardkit.KeyOutOfRangeException;
import io.shardkit.KeyRange;
import io.shardkit.NamedShardingStrategy;
import io.shardkit.ShardingConfigurationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Range placement: layout validation, gaps, default shard, open ends, each key type and range pruning. */
class RangeStrategyTest {

    private static final String RULE = "by-price";

    private static NamedShardingStrategy prices() {
        return ShardingStrategies.range(Long.class)
                .range(KeyRange.closedOpen(0L, 9000L), "shard-0")
                .range(KeyRange.closedOpen(9000L, 30000L), "shard-1")
                .build();
    }

    /** {@code [0..10) -> a}, a gap, {@code [20..30) -> b}, and the given default shard. */
    private static NamedShardingStrategy withGap(String defaultShard) {
        return ShardingStrategies.range(Long.class)
                .range(KeyRange.closedOpen(0L, 10L), "a")
                .range(KeyRange.closedOpen(20L, 30L), "b")
                .defaultShard(defaultShard)
                .build();
    }

    @Test
    void keysLandOnTheShardOfTheirRange() {
        NamedShardingStrategy s = prices();
        assertThat(s.shardNames()).containsExactly("shard-0", "shard-1");
        assertThat(s.shardCount()).isEqualTo(2);
        assertThat(s.shardOf(RULE, 0L)).isZero();
        assertThat(s.shardOf(RULE, 8999L)).isZero();
        assertThat(s.shardOf(RULE, 9000L)).isOne();
        assertThat(s.shardOf(RULE, 29999L)).isOne();
    }

    @Test
    void narrowIntegersAreWidenedToLong() {
        NamedShardingStrategy s = prices();
        assertThat(s.shardOf(RULE, 9000)).isOne();
        assertThat(s.shardOf(RULE, (short) 9000)).isOne();
        assertThat(s.shardOf(RULE, (byte) 42)).isZero();
    }

    @Test
    void aKeyInAGapNamesRuleKeyAndRanges() {
        NamedShardingStrategy s = prices();
        assertThatThrownBy(() -> s.shardOf(RULE, 30000L))
                .isInstanceOf(KeyOutOfRangeException.class)
                .hasMessage("Rule 'by-price': key [java.lang.Long 30000] falls in no range; "
                        + "ranges are [0..9000), [9000..30000)")
                .extracting(e -> ((KeyOutOfRangeException) e).getRule(), e -> ((KeyOutOfRangeException) e).getKey())
                .containsExactly(RULE, 30000L);
        assertThatThrownBy(() -> s.shardOf(RULE, -1)).isInstanceOf(KeyOutOfRangeException.class)
                .hasMessageContaining("key [java.lang.Integer -1]");
    }

    @Test
    void rangesArePrintedInKeyOrderWhateverTheDeclarationOrder() {
        NamedShardingStrategy s = ShardingStrategies.range(Long.class)
                .range(KeyRange.atLeast(100L), "high")
                .range(KeyRange.closed(0L, 9L), "low")
                .build();
        assertThat(s.shardNames()).containsExactly("high", "low");
        assertThatThrownBy(() -> s.shardOf(RULE, 50L)).hasMessageEndingWith("ranges are [0..9], [100..+inf)");
    }

    @Test
    void aDefaultShardTakesTheKeysOfEveryGap() {
        NamedShardingStrategy s = withGap("overflow");
        assertThat(s.shardNames()).containsExactly("a", "b", "overflow");
        assertThat(s.shardOf(RULE, -5L)).isEqualTo(2);
        assertThat(s.shardOf(RULE, 15L)).isEqualTo(2);
        assertThat(s.shardOf(RULE, Long.MAX_VALUE)).isEqualTo(2);
        assertThat(s.shardOf(RULE, 25L)).isOne();
    }

    @Test
    void aDefaultShardMayAlsoOwnRanges() {
        NamedShardingStrategy s = withGap("a");
        assertThat(s.shardNames()).containsExactly("a", "b");
        assertThat(s.shardOf(RULE, 15L)).isZero();
    }

    @Test
    void severalRangesMayNameOneShard() {
        NamedShardingStrategy s = ShardingStrategies.range(Long.class)
                .range(KeyRange.closedOpen(0L, 10L), "hot")
                .range(KeyRange.closedOpen(10L, 20L), "cold")
                .range(KeyRange.closedOpen(20L, 30L), "hot")
                .build();
        assertThat(s.shardNames()).containsExactly("hot", "cold");
        assertThat(s.shardOf(RULE, 25L)).isZero();
        assertThat(s.shardsFor(RULE, KeyRange.closed(5L, 25L))).containsExactly(0, 1);
    }

    @Test
    void openEndsCoverEveryKeyBeyondThem() {
        NamedShardingStrategy s = ShardingStrategies.range(Long.class)
                .range(KeyRange.lessThan(0L), "negative")
                .range(KeyRange.atLeast(0L), "non-negative")
                .build();
        assertThat(s.shardOf(RULE, Long.MIN_VALUE)).isZero();
        assertThat(s.shardOf(RULE, -1L)).isZero();
        assertThat(s.shardOf(RULE, 0L)).isOne();
        assertThat(s.shardOf(RULE, Long.MAX_VALUE)).isOne();
        assertThat(ShardingStrategies.range(String.class).range(KeyRange.all(), "only").build().shardOf(RULE, ""))
                .isZero();
    }

    @Test
    void overlappingRangesAreRefusedNamingBoth() {
        RangeStrategyBuilder<Long> b = ShardingStrategies.range(Long.class)
                .range(KeyRange.closedOpen(0L, 100L), "a")
                .range(KeyRange.closedOpen(200L, 300L), "c")
                .range(KeyRange.closed(100L, 200L), "b");
        assertThatThrownBy(b::build).isInstanceOf(io.shardkit.OverlappingRangesException.class)
                .hasMessage("range #2 [100..200] -> 'b' overlaps range #1 [200..300) -> 'c'; each key must fall in "
                        + "exactly one range")
                .satisfies(ex -> {
                    assertThat(((io.shardkit.OverlappingRangesException) ex).getEarlier()).isEqualTo(1);
                    assertThat(((io.shardkit.OverlappingRangesException) ex).getLater()).isEqualTo(2);
                });
    }

    @Test
    void aRangeInsideAnotherIsAnOverlap() {
        assertThatThrownBy(ShardingStrategies.range(Long.class)
                .range(KeyRange.atLeast(0L), "a")
                .range(KeyRange.closed(50L, 60L), "b")::build)
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("[0..+inf) -> 'a'").hasMessageContaining("[50..60] -> 'b'");
        assertThatThrownBy(ShardingStrategies.range(String.class)
                .range(KeyRange.all(), "a")
                .range(KeyRange.closed("m", "n"), "b")::build)
                .isInstanceOf(ShardingConfigurationException.class);
    }

    @Test
    void touchingClosedLongRangesDoNotOverlapAndLeaveNoGap() {
        NamedShardingStrategy s = ShardingStrategies.range(Long.class)
                .range(KeyRange.closed(0L, 9L), "a")
                .range(KeyRange.closedOpen(10L, 20L), "b")
                .defaultShard("other")
                .build();
        // No long lies strictly between 9 and 10: the default shard must not be queried.
        assertThat(s.shardsFor(RULE, KeyRange.closed(5L, 15L))).containsExactly(0, 1);
    }

    @Test
    void touchingLocalDateRangesLeaveNoGap() {
        NamedShardingStrategy s = ShardingStrategies.range(LocalDate.class)
                .range(KeyRange.closed(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)), "y2024")
                .range(KeyRange.closed(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)), "y2025")
                .defaultShard("archive")
                .build();
        assertThat(s.shardsFor(RULE, KeyRange.closed(LocalDate.of(2024, 6, 1), LocalDate.of(2025, 6, 1))))
                .containsExactly(0, 1);
        assertThat(s.shardOf(RULE, LocalDate.of(2023, 12, 31))).isEqualTo(2);
        assertThat(s.shardOf(RULE, LocalDate.of(2025, 12, 31))).isOne();
    }

    @Test
    void aRangeHoldingNoKeyIsRefused() {
        assertThatThrownBy(() -> ShardingStrategies.range(Long.class).range(new KeyRange<>(8L, false, 9L, false), "a"))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("(8..9) -> 'a' holds no Long");
    }

    @Test
    void bigDecimalKeysCompareIgnoringScale() {
        NamedShardingStrategy s = ShardingStrategies.range(BigDecimal.class)
                .range(KeyRange.closedOpen(BigDecimal.ZERO, new BigDecimal("9.99")), "cheap")
                .range(KeyRange.atLeast(new BigDecimal("9.99")), "dear")
                .build();
        assertThat(s.shardOf(RULE, new BigDecimal("9.989"))).isZero();
        assertThat(s.shardOf(RULE, new BigDecimal("9.990"))).isOne();
        assertThat(s.shardOf(RULE, new BigDecimal("1.0"))).isEqualTo(s.shardOf(RULE, new BigDecimal("1.00")));
        assertThatThrownBy(() -> s.shardOf(RULE, 5L)).isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("expected a non-null java.math.BigDecimal");
    }

    @Test
    void stringKeysUseTheirNaturalOrder() {
        NamedShardingStrategy s = ShardingStrategies.range(String.class)
                .range(KeyRange.lessThan("m"), "a-l")
                .range(KeyRange.atLeast("m"), "m-z")
                .build();
        assertThat(s.shardOf(RULE, "")).isZero();
        assertThat(s.shardOf(RULE, "lzzz")).isZero();
        assertThat(s.shardOf(RULE, "m")).isOne();
        assertThat(s.shardOf(RULE, "\u00e9clair")).isOne();
        assertThat(s.shardOf(RULE, "Zebra")).as("upper case sorts before lower case").isZero();
    }

    @Test
    void instantKeysFollowTheTimeline() {
        Instant cut = Instant.parse("2025-01-01T00:00:00Z");
        NamedShardingStrategy s = ShardingStrategies.range(Instant.class)
                .range(KeyRange.lessThan(cut), "before")
                .range(KeyRange.atLeast(cut), "after")
                .build();
        assertThat(s.shardOf(RULE, cut.minusNanos(1))).isZero();
        assertThat(s.shardOf(RULE, cut)).isOne();
        assertThat(s.shardsFor(RULE, KeyRange.closed(cut.minusSeconds(1), cut))).containsExactly(0, 1);
        assertThat(s.shardsFor(RULE, KeyRange.atLeast(cut.plusSeconds(1)))).containsExactly(1);
    }

    @Test
    void keysOfAnotherTypeAndNullAreRefusedNamingTheExpectedType() {
        NamedShardingStrategy s = prices();
        assertThatThrownBy(() -> s.shardOf(RULE, "42")).isInstanceOf(InvalidShardKeyException.class)
                .hasMessage("Rule 'by-price': key [java.lang.String 42] is not a valid shard key; expected a "
                        + "non-null java.lang.Long (Integer, Short and Byte are widened)");
        assertThatThrownBy(() -> s.shardOf(RULE, null)).isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("key [null]");
        assertThatThrownBy(() -> s.shardOf(RULE, new BigDecimal("42"))).isInstanceOf(InvalidShardKeyException.class);
        assertThatThrownBy(() -> s.shardOf(RULE, UUID.randomUUID())).isInstanceOf(InvalidShardKeyException.class);
    }

    @Test
    void unsupportedKeyTypesAndEmptyLayoutsAreRefusedAtBuildTime() {
        assertThatThrownBy(() -> ShardingStrategies.range(Integer.class))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("[java.lang.Integer]").hasMessageContaining("use Long");
        assertThatThrownBy(ShardingStrategies.range(Long.class)::build)
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("at least one range");
        assertThatThrownBy(() -> ShardingStrategies.range(Long.class).range(KeyRange.all(), " "))
                .isInstanceOf(ShardingConfigurationException.class);
        assertThatThrownBy(() -> ShardingStrategies.range(Long.class).defaultShard(""))
                .isInstanceOf(ShardingConfigurationException.class);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aBoundOfTheWrongTypeSmuggledThroughRawTypesIsRefused() {
        RangeStrategyBuilder raw = ShardingStrategies.range(Long.class);
        assertThatThrownBy(() -> raw.range(KeyRange.closedOpen(0, 10), "a"))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("[java.lang.Integer]");
    }

    @Test
    void shardsForPrunesToTheIntersectingRangesInSlotOrder() {
        NamedShardingStrategy s = ShardingStrategies.range(Long.class)
                .range(KeyRange.closedOpen(200L, 300L), "c")
                .range(KeyRange.closedOpen(0L, 100L), "a")
                .range(KeyRange.closedOpen(100L, 200L), "b")
                .build();
        assertThat(s.shardNames()).containsExactly("c", "a", "b");
        assertThat(s.shardsFor(RULE, KeyRange.closed(50L, 150L))).containsExactly(1, 2);
        assertThat(s.shardsFor(RULE, KeyRange.closedOpen(100L, 200L))).containsExactly(2);
        assertThat(s.shardsFor(RULE, new KeyRange<>(99L, false, 200L, false))).containsExactly(2);
        assertThat(s.shardsFor(RULE, KeyRange.closed(150L, 250L))).containsExactly(0, 2);
        assertThat(s.shardsFor(RULE, KeyRange.all())).containsExactly(0, 1, 2);
        assertThat(s.shardsFor(RULE, KeyRange.atLeast(300L))).isEmpty();
        assertThat(s.shardsFor(RULE, KeyRange.closed(10, 20))).as("int bounds are widened").containsExactly(1);
    }

    @Test
    void shardsForAddsTheDefaultOnlyWhenTheQueryTouchesAGap() {
        NamedShardingStrategy s = ShardingStrategies.range(Long.class)
                .range(KeyRange.closedOpen(0L, 100L), "a")
                .range(KeyRange.closedOpen(200L, 300L), "b")
                .defaultShard("d")
                .build();
        assertThat(s.shardsFor(RULE, KeyRange.closed(10L, 20L))).containsExactly(0);
        assertThat(s.shardsFor(RULE, KeyRange.closed(10L, 100L))).containsExactly(0, 2);
        assertThat(s.shardsFor(RULE, KeyRange.lessThan(0L))).containsExactly(2);
        assertThat(s.shardsFor(RULE, KeyRange.all())).containsExactly(0, 1, 2);
    }

    @Test
    void shardsForRefusesBoundsOfAnotherType() {
        assertThatThrownBy(() -> prices().shardsFor(RULE, KeyRange.closed("a", "b")))
                .isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("[java.lang.String a] (from a bound of the queried range)");
    }

    @Test
    void describeNamesTypeRangesAndDefault() {
        assertThat(prices().describe()).isEqualTo("range(Long, 2 ranges over 2 shards)");
        assertThat(ShardingStrategies.range(String.class).range(KeyRange.atLeast("a"), "x").defaultShard("y").build()
                .describe()).isEqualTo("range(String, 1 ranges over 2 shards, default 'y')");
    }

    @Test
    void groupByShardKeepsOrderWithinEachShard() {
        List<KeyGroup<Long>> groups = prices().groupByShard(RULE, List.of(9500L, 1L, 20000L, 2L));
        assertThat(groups).containsExactly(new KeyGroup<>(0, List.of(1L, 2L)), new KeyGroup<>(1, List.of(9500L,
                20000L)));
    }
}
