package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRecord;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.kafka.KafkaOutboxMetrics;
import io.shardkit.outbox.kafka.KafkaOutboxPublisher;
import io.shardkit.spring.outbox.MicrometerKafkaOutboxMetrics;
import io.shardkit.spring.testing.TestShards;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The Kafka publisher's auto-configuration: there when the module is on the class path and the relay runs, backing
 * off for a publisher of the application's, failing the start on missing or unsafe settings. Its producer is never
 * asked to reach a broker here (a relay over empty outboxes sends nothing); the module's own tests use a real one.
 */
class ShardkitKafkaOutboxAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitTransactionAutoConfiguration.class, ShardkitMetricsAutoConfiguration.class,
                    ShardkitOutboxAutoConfiguration.class, ShardkitKafkaOutboxAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("kafka-autoconfig"))
            .withPropertyValues("shardkit.outbox.enabled=true");

    private final ApplicationContextRunner withBroker = runner.withPropertyValues(
            "shardkit.outbox.kafka.bootstrap-servers=127.0.0.1:9", "shardkit.outbox.kafka.send-timeout=2s",
            "shardkit.outbox.kafka.topic-prefix=orders.");

    @Test
    void theRelayPublishesToKafkaWhenNoOtherPublisherIsDeclared() {
        withBroker.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(KafkaOutboxPublisher.class)
                    .hasSingleBean(OutboxRelay.class);
            KafkaOutboxPublisher publisher = context.getBean(KafkaOutboxPublisher.class);
            assertThat(publisher.config().sendTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(publisher.config().topics().topicFor(new OutboxRecord("shard-0", 1,
                    OutboxEvent.of("Order", "1", "OrderPlaced", "{}"), Instant.now(), 0))).isEqualTo("orders.Order");
            assertThat(context.getBean(OutboxPublisher.class)).isSameAs(publisher);
        });
    }

    @Test
    void aPublisherOfTheApplicationsWins() {
        withBroker.withBean(InMemoryOutboxPublisher.class, InMemoryOutboxPublisher::new).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(KafkaOutboxPublisher.class)
                        .hasSingleBean(InMemoryOutboxPublisher.class));
    }

    @Test
    void notThereWhenThisInstanceRunsNoRelayOrTheOutboxIsOff() {
        withBroker.withPropertyValues("shardkit.outbox.relay.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(KafkaOutboxPublisher.class));
        withBroker.withPropertyValues("shardkit.outbox.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(KafkaOutboxPublisher.class));
    }

    @Test
    void missingBrokersFailTheStartNamingTheProperty() {
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("Invalid configuration at 'shardkit.outbox.kafka.bootstrap-servers'")
                .hasMessageContaining("is required by the outbox's Kafka publisher"));
    }

    @Test
    void unsafeProducerSettingsFailTheStartNamingTheProperty() {
        withBroker.withPropertyValues("shardkit.outbox.kafka.producer.acks=1").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("Invalid configuration at "
                        + "'shardkit.outbox.kafka.producer': Kafka outbox producer property 'acks' must be all"));
        withBroker.withPropertyValues("shardkit.outbox.kafka.topic=not a topic").run(context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("Invalid configuration at "
                        + "'shardkit.outbox.kafka.topic': Kafka topic [not a topic] is not a legal topic name"));
    }

    @Test
    void withARegistryBatchesAreTimedAndTheProducersMetersBound() {
        withBroker.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(KafkaOutboxMetrics.class)).isInstanceOf(MicrometerKafkaOutboxMetrics.class);
            KafkaOutboxMetrics metrics = context.getBean(KafkaOutboxPublisher.class).config().metrics();
            metrics.batchAcknowledged("shard-1", 3, 1_000_000);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(MicrometerKafkaOutboxMetrics.BATCHES).tag("shard", "shard-1")
                    .tag("outcome", "acknowledged").timer().count()).isEqualTo(1);
            assertThat(registry.get(MicrometerKafkaOutboxMetrics.RECORDS).tag("shard", "shard-1").counter().count())
                    .isEqualTo(3);
        });
    }
}
