package io.shardkit.outbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The record each event becomes, and when a batch counts as confirmed, against Kafka's {@link MockProducer}. */
class KafkaOutboxPublisherTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00.123Z");

    private static OutboxRecord record(long id, String aggregateType, String aggregateId) {
        return new OutboxRecord("shard-2", id, OutboxEvent.of(aggregateType, aggregateId, "OrderPlaced",
                "{\"order\":\"" + aggregateId + "\"}"), CREATED, 0);
    }

    private static MockProducer<String, String> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new StringSerializer());
    }

    @Test
    void eachEventIsOneRecordKeyedByItsAggregateWithTheHeadersConsumersNeed() throws Exception {
        MockProducer<String, String> producer = producer(true);
        KafkaOutboxPublisher publisher = KafkaOutboxPublisher.using(producer, KafkaOutboxConfig.ofDefaults());

        publisher.publish(List.of(record(41, "Order", "o-7"), record(42, "Order", "o-8")));

        List<ProducerRecord<String, String>> sent = producer.history();
        assertThat(sent).hasSize(2);
        ProducerRecord<String, String> first = sent.get(0);
        assertThat(first.topic()).isEqualTo("outbox.event.Order");
        assertThat(first.key()).isEqualTo("o-7");
        assertThat(first.value()).isEqualTo("{\"order\":\"o-7\"}");
        assertThat(first.timestamp()).isEqualTo(CREATED.toEpochMilli());
        assertThat(header(first, OutboxHeaders.ID)).isEqualTo("shard-2:41");
        assertThat(header(first, OutboxHeaders.TYPE)).isEqualTo("OrderPlaced");
        assertThat(header(first, OutboxHeaders.AGGREGATE_TYPE)).isEqualTo("Order");
        assertThat(header(first, OutboxHeaders.SHARD)).isEqualTo("shard-2");
        assertThat(header(first, OutboxHeaders.SEQUENCE)).isEqualTo("41");
        assertThat(sent.get(1).key()).isEqualTo("o-8");
    }

    @Test
    void aFixedTopicTakesEveryEvent() throws Exception {
        MockProducer<String, String> producer = producer(true);
        KafkaOutboxPublisher.using(producer, KafkaOutboxConfig.custom().topics(OutboxTopics.fixed("orders")).build())
                .publish(List.of(record(1, "Order", "a"), record(2, "Invoice", "b")));
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly("orders", "orders");
    }

    @Test
    void batchIsRefusedWhenAnyRecordIsNotAcknowledged() throws Exception {
        MockProducer<String, String> producer = producer(false);
        KafkaOutboxPublisher publisher = KafkaOutboxPublisher.using(producer, KafkaOutboxConfig.ofDefaults());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CompletableFuture<Void> call = CompletableFuture.runAsync(() -> {
            try {
                publisher.publish(List.of(record(1, "Order", "a"), record(2, "Order", "b"), record(3, "Order", "c")));
            } catch (Exception ex) {
                thrown.set(ex);
            }
        });
        awaitSent(producer, 3);
        assertThat(producer.completeNext()).isTrue();
        assertThat(producer.errorNext(new NotEnoughReplicasException("test: ISR too small"))).isTrue();
        assertThat(producer.completeNext()).isTrue();
        call.get();

        assertThat(thrown.get()).isInstanceOf(KafkaPublishException.class)
                .hasMessageStartingWith("Outbox of shard 'shard-2': Kafka did not acknowledge event [shard-2:2] "
                        + "(OrderPlaced of Order b) on topic [outbox.event.Order]")
                .hasCauseInstanceOf(NotEnoughReplicasException.class);
        KafkaPublishException ex = (KafkaPublishException) thrown.get();
        assertThat(ex.getShard()).isEqualTo("shard-2");
        assertThat(ex.getKey()).isEqualTo("shard-2:2");
        assertThat(ex.getTopic()).isEqualTo("outbox.event.Order");
    }

    @Test
    void batchNotAcknowledgedWithinTheSendTimeoutIsRefused() {
        MockProducer<String, String> producer = producer(false);
        KafkaOutboxPublisher publisher = KafkaOutboxPublisher.using(producer,
                KafkaOutboxConfig.custom().sendTimeout(Duration.ofMillis(500)).build());

        assertThatThrownBy(() -> publisher.publish(List.of(record(5, "Order", "a"), record(6, "Order", "b"))))
                .isInstanceOf(KafkaPublishException.class)
                .hasMessage("Outbox of shard 'shard-2': 2 of 2 records of the batch starting at event [shard-2:5] "
                        + "were not acknowledged within 500ms (send-timeout)");
    }

    @Test
    void anAggregateTypeThatMakesNoLegalTopicRefusesTheBatchBeforeAnythingIsSent() {
        MockProducer<String, String> producer = producer(true);
        KafkaOutboxPublisher publisher = KafkaOutboxPublisher.using(producer, KafkaOutboxConfig.ofDefaults());

        assertThatThrownBy(() -> publisher.publish(List.of(record(9, "Order Line", "a"))))
                .isInstanceOf(KafkaPublishException.class)
                .hasMessageContaining("event [shard-2:9] maps to topic [outbox.event.Order Line], which is not");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void producerSettingsThatBreakTheGuaranteesAreRefusedNamingTheProperty() {
        Map<String, Object> base = Map.of("bootstrap.servers", "127.0.0.1:9");
        assertThatThrownBy(() -> KafkaOutboxPublisher.create(with(base, "acks", "1")))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageStartingWith("Kafka outbox producer property 'acks' must be all");
        assertThatThrownBy(() -> KafkaOutboxPublisher.create(with(base, "enable.idempotence", "false")))
                .hasMessageStartingWith("Kafka outbox producer property 'enable.idempotence' must be true");
        assertThatThrownBy(() -> KafkaOutboxPublisher.create(with(base, "max.in.flight.requests.per.connection", 6)))
                .hasMessageContaining("must be at most 5");
        assertThatThrownBy(() -> KafkaOutboxPublisher.create(Map.of()))
                .hasMessageContaining("'bootstrap.servers' is required");
        assertThatThrownBy(() -> OutboxTopics.fixed("no spaces")).isInstanceOf(ShardingConfigurationException.class);
        assertThatThrownBy(() -> KafkaOutboxConfig.custom().sendTimeout(Duration.ofMillis(10)))
                .hasMessageContaining("sendTimeout must be at least 500ms");
    }

    @Test
    void defaultsBoundEveryWaitByTheSendTimeout() {
        Map<String, Object> settings = ProducerSettings.effective(Map.of("bootstrap.servers", "b:9092",
                "linger.ms", "20"), Duration.ofSeconds(10));
        assertThat(settings).containsEntry("enable.idempotence", "true").containsEntry("acks", "all")
                .containsEntry("delivery.timeout.ms", "10000").containsEntry("max.block.ms", "10000")
                .containsEntry("request.timeout.ms", "9995").containsEntry("linger.ms", "20");
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> map = new HashMap<>(base);
        map.put(key, value);
        return map;
    }

    private static void awaitSent(MockProducer<String, String> producer, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == count);
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
