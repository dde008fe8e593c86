package io.shardkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.H2ShardFixtures;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rules over named strategies: slots and shards agree without anyone counting indices. */
class ShardingRuleTest {

    private final ShardRegistry registry = ShardRegistry.builder()
            .shard("shard-a", H2ShardFixtures.pool("a"))
            .shard("shard-b", H2ShardFixtures.pool("b"))
            .shard("shard-c", H2ShardFixtures.pool("c"))
            .build();

    private final NamedShardingStrategy byPrice = ShardingStrategies.range(Long.class)
            .range(KeyRange.closedOpen(0L, 9000L), "shard-c")
            .range(KeyRange.atLeast(9000L), "shard-a")
            .build();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void ofResolvesTheStrategysShardNamesInSlotOrder() {
        ShardingRule rule = ShardingRule.of("by-price", registry, byPrice);
        assertThat(rule.shards()).extracting(Shard::name).containsExactly("shard-c", "shard-a");
        assertThat(rule.shardOf(42L).name()).isEqualTo("shard-c");
        assertThat(rule.shardOf(9000).name()).isEqualTo("shard-a");
        assertThat(rule.shardsFor(KeyRange.atLeast(10_000L))).extracting(Shard::name).containsExactly("shard-a");
        assertThat(rule.groupByShard(List.of(1L, 9001L, 2L)))
                .extracting(g -> g.shard().name(), ShardingRule.ShardKeys::keys)
                .containsExactly(tuple("shard-c", List.of(1L, 2L)),
                        tuple("shard-a", List.of(9001L)));
    }

    @Test
    void ofRefusesAShardTheRegistryLacks() {
        NamedShardingStrategy strategy = ShardingStrategies.range(Long.class)
                .range(KeyRange.all(), "shard-z").build();
        assertThatThrownBy(() -> ShardingRule.of("by-price", registry, strategy))
                .isInstanceOf(UnknownShardException.class)
                .hasMessage("Rule 'by-price': unknown shard 'shard-z'; known shards are [shard-a, shard-b, shard-c]");
    }

    @Test
    void theConstructorRefusesShardsThatDisagreeWithTheStrategysNames() {
        List<Shard> wrongOrder = List.of(registry.shard("shard-a"), registry.shard("shard-c"));
        assertThatThrownBy(() -> new ShardingRule("by-price", wrongOrder, byPrice))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("places keys on shards [shard-c, shard-a] (slot order) but the rule lists "
                        + "[shard-a, shard-c]");
        assertThatThrownBy(() -> ShardingRule.over("by-price", registry, byPrice))
                .isInstanceOf(ShardingConfigurationException.class);
    }

    @Test
    void theConstructorAndOverStillServeUnnamedStrategies() {
        ShardingRule rule = ShardingRule.over("orders", registry, ShardingStrategies.hash(3));
        assertThat(rule.shards()).hasSize(3);
        assertThat(rule.shardOf(42L)).isSameAs(rule.shardOf(42));
        assertThatThrownBy(() -> new ShardingRule("orders", registry.shards(), ShardingStrategies.hash(2)))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("maps to 2 shards but the rule lists 3");
    }
}
