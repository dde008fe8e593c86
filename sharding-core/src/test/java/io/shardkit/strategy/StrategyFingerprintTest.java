package io.shardkit.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.KeyRange;
import io.shardkit.ShardingStrategy;
import io.shardkit.id.IdLayout;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The fingerprints of the built-in strategies, as the layout fence stores them: pinned, because a change would
 * fail the start of every application whose shards recorded the old text.
 */
class StrategyFingerprintTest {

    @Test
    void hash() {
        assertThat(ShardingStrategies.hash(4).fingerprint())
                .isEqualTo("hash(algorithm=jump, hash=murmur3-x64-128, slots=4)");
        assertThat(ShardingStrategies.hash(3, HashAlgorithm.MODULO).fingerprint())
                .isEqualTo("hash(algorithm=modulo, hash=murmur3-x64-128, slots=3)");
    }

    @Test
    void range() {
        assertThat(ShardingStrategies.range(Long.class).range(KeyRange.lessThan(9000L), "s0")
                .range(KeyRange.atLeast(9000L), "s1").defaultShard("s2").build().fingerprint())
                .isEqualTo("range(type=java.lang.Long, ranges=[[-9223372036854775808..9000) -> s0, "
                        + "[9000..+inf) -> s1], default=s2, "
                        + "slots=[s0, s1, s2])");
    }

    @Test
    void rangesHoldingTheSameKeysHaveOneFingerprint() {
        assertThat(ShardingStrategies.range(Long.class).range(KeyRange.closed(0L, 9L), "s0").build().fingerprint())
                .isEqualTo(ShardingStrategies.range(Long.class).range(KeyRange.closedOpen(0L, 10L), "s0").build()
                        .fingerprint());
        assertThat(ShardingStrategies.range(BigDecimal.class)
                .range(KeyRange.closedOpen(new BigDecimal("12.50"), new BigDecimal("100")), "s0").build()
                .fingerprint()).isEqualTo("range(type=java.math.BigDecimal, ranges=[[12.5..100) -> s0], "
                + "default=none, slots=[s0])");
        assertThat(ShardingStrategies.range(LocalDate.class)
                .range(KeyRange.closed(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)), "s0").build()
                .fingerprint()).contains("[2025-01-01..2026-01-01) -> s0");
        assertThat(ShardingStrategies.range(String.class).range(KeyRange.closedOpen("a", "m"), "s0").build()
                .fingerprint()).contains("['a'..'m') -> s0");
    }

    @Test
    void id() {
        assertThat(ShardingStrategies.id(4).fingerprint()).isEqualTo("id(slots=4, shardBits=10, nodeBits=0, "
                + "sequenceBits=12, epoch=2025-01-01T00:00:00Z)");
        assertThat(ShardingStrategies.id(4, IdLayout.custom().shardBits(8).nodeBits(4).sequenceBits(10).build())
                .fingerprint()).isEqualTo("id(slots=4, shardBits=8, nodeBits=4, sequenceBits=10, "
                + "epoch=2025-01-01T00:00:00Z)");
    }

    @Test
    void aStrategyOfYourOwnDefaultsToItsClassAndDescription() {
        ShardingStrategy own = new ShardingStrategy() {
            @Override
            public int shardCount() {
                return 2;
            }

            @Override
            public String describe() {
                return "mine(2)";
            }

            @Override
            public int shardOf(String rule, Object key) {
                return 0;
            }
        };
        assertThat(own.fingerprint()).isEqualTo(own.getClass().getName() + ":mine(2)");
    }
}
