package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxRelayConfigTest {

    @Test
    void defaults() {
        OutboxRelayConfig c = OutboxRelayConfig.ofDefaults();
        assertThat(c.batchSize()).isEqualTo(OutboxRelayConfig.DEFAULT_BATCH_SIZE);
        assertThat(c.locking()).isEqualTo(OutboxLocking.AUTO);
        assertThat(c.table()).isEqualTo("outbox");
        assertThat(c.relayId()).startsWith("relay-");
        assertThat(OutboxRelayConfig.ofDefaults().relayId()).isNotEqualTo(c.relayId());
    }

    @Test
    void backoffGrowsGeometricallyAndStopsAtTheBound() {
        OutboxRelayConfig c = OutboxRelayConfig.custom().initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofMillis(1000)).backoffMultiplier(3).build();
        assertThat(c.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(c.backoffAfter(2)).isEqualTo(Duration.ofMillis(300));
        assertThat(c.backoffAfter(3)).isEqualTo(Duration.ofMillis(900));
        assertThat(c.backoffAfter(4)).isEqualTo(Duration.ofMillis(1000));
        assertThat(c.backoffAfter(10_000)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void fromKeepsEverythingButWhatIsChanged() {
        OutboxRelayConfig base = OutboxRelayConfig.custom().batchSize(42).relayId("r1").locking(OutboxLocking.LEASE)
                .build();
        OutboxRelayConfig changed = OutboxRelayConfig.from(base).batchSize(7).build();
        assertThat(changed.batchSize()).isEqualTo(7);
        assertThat(changed.relayId()).isEqualTo("r1");
        assertThat(changed.locking()).isEqualTo(OutboxLocking.LEASE);
    }

    @Test
    void badValuesAreRefusedAtOnceNamingTheSetting() {
        assertThatThrownBy(() -> OutboxRelayConfig.custom().batchSize(0))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessage("outbox relay batchSize must be in [1..10000] but was 0");
        assertThatThrownBy(() -> OutboxRelayConfig.custom().pollInterval(Duration.ZERO))
                .hasMessageContaining("pollInterval must be at least 1ms");
        assertThatThrownBy(() -> OutboxRelayConfig.custom().backoffMultiplier(0.5))
                .hasMessageContaining("backoffMultiplier must be in [1.0..100.0]");
        assertThatThrownBy(() -> OutboxRelayConfig.custom().relayId("x".repeat(129)))
                .hasMessageContaining("relayId must be 1..128");
        assertThatThrownBy(() -> OutboxRelayConfig.custom().threads(-1)).hasMessageContaining("threads");
        assertThatThrownBy(() -> OutboxRelayConfig.custom().initialBackoff(Duration.ofSeconds(2))
                .maxBackoff(Duration.ofSeconds(1)).build())
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("maxBackoff (1000ms) must not be shorter than initialBackoff (2000ms)");
    }

    @Test
    void relayNeedsShardsAndRefusesDuplicates() {
        OutboxShards shards = new OutboxShards(1);
        assertThatThrownBy(() -> OutboxRelay.builder(batch -> { }).build())
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("at least one shard");
        assertThatThrownBy(() -> OutboxRelay.builder(batch -> { })
                .shards(java.util.List.of(shards.shard(0), shards.shard(0))))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("listed twice");
        OutboxRelay relay = OutboxRelay.builder(batch -> { }).shards(shards.shards()).build();
        assertThatThrownBy(() -> relay.pollShard("nope")).isInstanceOf(io.shardkit.UnknownShardException.class)
                .hasMessageContaining("[shard-0]");
        relay.start();
        assertThatThrownBy(relay::start).isInstanceOf(IllegalStateException.class);
        relay.stop();
        relay.stop();
        assertThat(relay.isRunning()).isFalse();
        assertThatThrownBy(relay::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot start again");
    }
}
