package io.shardkit.strategy;

import static io.shardkit.id.IdLayout.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.KeyGroup;
import io.shardkit.KeyRange;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingStrategy;
import io.shardkit.id.IdLayout;
import io.shardkit.id.InvalidIdException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdStrategyTest {

    private final ShardingStrategy strategy = ShardingStrategies.id(16);

    @Test
    void slotIsTheEmbeddedShardIndex() {
        for (int shard = 0; shard < 16; shard++) {
            long id = DEFAULT.compose(123_456_789L, shard, 77);
            assertThat(strategy.shardOf("orders", id)).isEqualTo(shard);
        }
        assertThat(strategy.shardCount()).isEqualTo(16);
        assertThat(strategy.describe()).isEqualTo("id(16 shards)");
    }

    @Test
    void integerIdsAreAccepted() {
        int id = (int) DEFAULT.compose(100, 7, 1);
        assertThat(strategy.shardOf("orders", id)).isEqualTo(7);
    }

    @Test
    void groupsKeepOrderWithinEachShard() {
        long a = DEFAULT.compose(5, 2, 0);
        long b = DEFAULT.compose(6, 0, 0);
        long c = DEFAULT.compose(7, 2, 0);
        List<KeyGroup<Long>> groups = strategy.groupByShard("orders", List.of(a, b, c));
        assertThat(groups).containsExactly(new KeyGroup<>(0, List.of(b)), new KeyGroup<>(2, List.of(a, c)));
    }

    @Test
    void otherKeyTypesAreRefusedNamingRuleAndKey() {
        assertThatThrownBy(() -> strategy.shardOf("orders", "42"))
                .isExactlyInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("Rule 'orders'")
                .hasMessageContaining("[java.lang.String 42]")
                .hasMessageContaining(IdStrategy.SUPPORTED);
        assertThatThrownBy(() -> strategy.shardOf("orders", null)).isInstanceOf(InvalidShardKeyException.class);
        assertThatThrownBy(() -> strategy.shardOf("orders", UUID.randomUUID()))
                .isInstanceOf(InvalidShardKeyException.class);
    }

    @Test
    void idsOfAnotherRuleOrNegativeAreInvalidIds() {
        long foreign = DEFAULT.compose(5, 16, 0);
        assertThatThrownBy(() -> strategy.shardOf("orders", foreign))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("[" + foreign + "]")
                .hasMessageContaining("16 shards");
        assertThatThrownBy(() -> strategy.shardOf("orders", -1L)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> strategy.shardOf("orders", -1)).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void aCustomLayoutIsDecodedWithItsOwnShardBits() {
        IdLayout layout = IdLayout.custom().shardBits(6).nodeBits(4).sequenceBits(12).build();
        ShardingStrategy custom = ShardingStrategies.id(64, layout);
        for (int shard = 0; shard < 64; shard++) {
            for (int node = 0; node < 16; node++) {
                long id = layout.compose(123_456_789L, shard, node, 77);
                assertThat(custom.shardOf("orders", id)).isEqualTo(shard);
            }
        }
        // The default layout reads other bits of the same id: the strategy must use the minting layout.
        long id = layout.compose(123_456_789L, 5, 9, 0);
        assertThat(ShardingStrategies.id(1024).shardOf("orders", id)).isNotEqualTo(5);
        assertThat(custom.describe()).isEqualTo("id(64 shards, " + layout + ")");
        assertThat(ShardingStrategies.id(64, IdLayout.DEFAULT).describe()).isEqualTo("id(64 shards)");
        assertThatThrownBy(() -> ShardingStrategies.id(65, layout))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessage("id strategy shard count must be in [1..64] (6 shard bits) but was 65");
        long foreign = layout.compose(1, 40, 15, 0);
        assertThatThrownBy(() -> ShardingStrategies.id(10, layout).shardOf("orders", foreign))
                .isInstanceOf(InvalidIdException.class).hasMessageContaining("names shard index 40");
    }

    @Test
    void rangesCannotBePruned() {
        assertThat(strategy.shardsFor("orders", KeyRange.closed(1L, 2L))).hasSize(16);
    }

    @Test
    void shardCountMustFitTheLayout() {
        assertThat(ShardingStrategies.id(1024).shardCount()).isEqualTo(1024);
        assertThatThrownBy(() -> ShardingStrategies.id(0)).isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("[1..1024]");
        assertThatThrownBy(() -> ShardingStrategies.id(1025)).isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("but was 1025");
    }
}
