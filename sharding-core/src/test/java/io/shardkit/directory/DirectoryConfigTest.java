package io.shardkit.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DirectoryConfigTest {

    @Test
    void defaults() {
        DirectoryConfig config = DirectoryConfig.ofDefaults();
        assertThat(config.tableName()).isEqualTo("shard_directory");
        assertThat(config.cacheMaximumSize()).isEqualTo(DirectoryConfig.DEFAULT_CACHE_MAXIMUM_SIZE);
        assertThat(config.cacheTtl()).isEqualTo(DirectoryConfig.DEFAULT_CACHE_TTL);
        assertThat(config.placementPolicy()).isSameAs(PlacementPolicy.hash());
    }

    @Test
    void fromCopiesEverySetting() {
        PlacementPolicy policy = PlacementPolicy.fixed("s1");
        DirectoryConfig base = DirectoryConfig.custom().tableName("t").cacheMaximumSize(10)
                .cacheTtl(Duration.ofSeconds(3)).placementPolicy(policy).build();
        DirectoryConfig copy = DirectoryConfig.from(base).cacheMaximumSize(20).build();
        assertThat(copy.tableName()).isEqualTo("t");
        assertThat(copy.cacheTtl()).isEqualTo(Duration.ofSeconds(3));
        assertThat(copy.placementPolicy()).isSameAs(policy);
        assertThat(copy.cacheMaximumSize()).isEqualTo(20);
        assertThat(base.cacheMaximumSize()).isEqualTo(10);
    }

    @Test
    void settersRefuseBadValuesAtOnce() {
        assertThatThrownBy(() -> DirectoryConfig.custom().cacheMaximumSize(0))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("cacheMaximumSize");
        assertThatThrownBy(() -> DirectoryConfig.custom().cacheTtl(Duration.ZERO))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("cacheTtl");
        assertThatThrownBy(() -> DirectoryConfig.custom().cacheTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(ShardingConfigurationException.class);
    }
}
