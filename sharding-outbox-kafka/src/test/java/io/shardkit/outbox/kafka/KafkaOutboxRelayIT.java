package io.shardkit.outbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.outbox.OutboxShardStats;
import io.shardkit.outbox.kafka.testing.KafkaBroker;
import io.shardkit.outbox.kafka.testing.OrderEvents;
import io.shardkit.outbox.kafka.testing.OutboxDeliveries;
import io.shardkit.testing.H2ShardFixtures;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The relay publishing 4 H2 shards through {@link KafkaOutboxPublisher} to a real Kafka broker started in this JVM
 * ({@link KafkaBroker}); a consumer reads back what arrived.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutboxRelayIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private KafkaBroker broker;
    private ShardRegistry registry;

    @BeforeAll
    void startBroker() {
        broker = KafkaBroker.start();
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void shards() {
        ShardRegistryBuilder builder = ShardRegistry.builder();
        for (int i = 0; i < 4; i++) {
            builder.shard("shard-" + i, H2ShardFixtures.pool("kafka-it-" + i));
        }
        registry = builder.build();
        registry.shards().forEach(shard -> OutboxSchema.create(shard.dataSource()));
    }

    @AfterEach
    void closeShards() {
        registry.close();
    }

    private static OutboxRelayConfig fastRelay() {
        return OutboxRelayConfig.custom().batchSize(50).pollInterval(Duration.ofMillis(20))
                .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(500)).build();
    }

    @Test
    @Timeout(120)
    void everyEventArrivesOnceKeyedByItsAggregateInOrderWithItsHeaders() throws Exception {
        String prefix = "it1.";
        broker.createTopic(prefix + "Order", 3);
        int total = 0;
        for (Shard shard : registry.shards()) {
            total += OrderEvents.appendHistories(shard, 20, 5, 7);
        }
        KafkaOutboxConfig config = KafkaOutboxConfig.custom().topics(OutboxTopics.perAggregateType(prefix)).build();

        try (KafkaOutboxPublisher publisher = KafkaOutboxPublisher.create(broker.producerProperties(), config);
             OutboxRelay relay = OutboxRelay.builder(publisher).shards(registry).config(fastRelay()).build()) {
            relay.start();
            int expected = total;
            await().atMost(PATIENCE).until(() -> published(relay) == expected);
        }

        List<ConsumerRecord<String, String>> read = broker.readAll(prefix + "Order", total, PATIENCE);
        OutboxDeliveries deliveries = new OutboxDeliveries(read);
        assertThat(deliveries.size()).isEqualTo(total);
        assertThat(deliveries.duplicates()).isZero();
        assertThat(deliveries.ids()).hasSize(total).allMatch(id -> id.matches("shard-[0-3]:\\d+"));
        deliveries.assertOrderPerAggregate(OrderEvents::seqOf);
        ConsumerRecord<String, String> any = read.get(0);
        assertThat(any.key()).startsWith("shard-");
        assertThat(KafkaBroker.header(any, OutboxHeaders.TYPE)).isEqualTo("OrderChanged");
        assertThat(KafkaBroker.header(any, OutboxHeaders.AGGREGATE_TYPE)).isEqualTo("Order");
        assertThat(KafkaBroker.header(any, OutboxHeaders.ID))
                .isEqualTo(KafkaBroker.header(any, OutboxHeaders.SHARD) + ":"
                        + KafkaBroker.header(any, OutboxHeaders.SEQUENCE));
        Set<Integer> partitions = new HashSet<>();
        read.forEach(r -> partitions.add(r.partition()));
        assertThat(partitions).as("aggregates spread over the partitions by key").hasSize(3);
    }

    @Test
    @Timeout(120)
    void aBrokerThatRefusesBacksTheRelayOffAndLosesOrReordersNothing() throws Exception {
        String prefix = "it2.";
        int total = 0;
        for (Shard shard : registry.shards()) {
            total += OrderEvents.appendHistories(shard, 10, 4, 5);
        }
        // The topic does not exist yet and the broker does not create topics: every send times out.
        KafkaOutboxConfig config = KafkaOutboxConfig.custom().topics(OutboxTopics.perAggregateType(prefix))
                .sendTimeout(Duration.ofSeconds(1)).build();

        try (KafkaOutboxPublisher publisher = KafkaOutboxPublisher.create(broker.producerProperties(), config);
             OutboxRelay relay = OutboxRelay.builder(publisher).shards(registry).config(fastRelay()).build()) {
            relay.start();
            await().atMost(PATIENCE).until(() -> relay.stats().values().stream()
                    .allMatch(s -> s.failedPolls() >= 2 && !s.healthy()));
            assertThat(published(relay)).isZero();
            assertThat(relay.stats().get("shard-0").lastFailure()).contains("publisher refused a batch")
                    .contains("KafkaPublishException");

            broker.createTopic(prefix + "Order", 2);
            int expected = total;
            await().atMost(PATIENCE).until(() -> published(relay) == expected);
            assertThat(relay.stats().values()).allMatch(OutboxShardStats::healthy);
        }

        OutboxDeliveries deliveries = new OutboxDeliveries(broker.readAll(prefix + "Order", total, PATIENCE));
        assertThat(deliveries.ids()).hasSize(total);
        deliveries.assertDuplicatesAreTheSameEvent();
        deliveries.assertOrderPerAggregate(OrderEvents::seqOf);
    }

    private static long published(OutboxRelay relay) {
        return relay.stats().values().stream().mapToLong(OutboxShardStats::published).sum();
    }
}
