package io.shardkit.outbox.kafka;

import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes outbox batches to Kafka. Every event becomes one record: the aggregate id is the message key (so an
 * aggregate's events share a partition and keep their order), the payload the value, the event's creation time
 * the timestamp, and the headers of {@link OutboxHeaders} carry the event id ({@code shard:id}, for consumer
 * de-duplication), the event type, the aggregate type, the shard and the outbox position. The topic comes from
 * {@link KafkaOutboxConfig#topics()} ({@code outbox.event.<aggregate type>} by default).
 *
 * <p><b>Confirmation.</b> {@link #publish(List)} sends the whole batch, then returns only once the broker has
 * acknowledged every record ({@code acks=all}); if any record fails, or the acknowledgements take longer than
 * {@link KafkaOutboxConfig#sendTimeout()}, it throws {@link KafkaPublishException} and the relay marks nothing, backs
 * off and hands the same events in again. The producer is idempotent, so retries inside the producer neither
 * duplicate nor reorder a partition's records; a refused batch may have been delivered in part, so consumers see
 * at-least-once delivery and de-duplicate on the {@code id} header.
 *
 * <p><b>Producer.</b> {@link #create(Map, KafkaOutboxConfig)} builds and owns a {@link KafkaProducer} from your
 * properties (see {@link ProducerSettings} for what is required and what is defaulted) and closes it in
 * {@link #close()}; {@link #using(Producer, KafkaOutboxConfig)} publishes through a producer of yours (configured
 * idempotent with {@code acks=all} and string serializers: the publisher cannot check), which it never closes.
 *
 * <p>Thread-safe: the relay publishes batches of different shards concurrently through the one producer.
 */
public final class KafkaOutboxPublisher implements OutboxPublisher, AutoCloseable {

    private final Producer<String, String> producer;
    private final boolean owned;
    private final KafkaOutboxConfig config;
    private final long timeoutNanos;

    private KafkaOutboxPublisher(Producer<String, String> producer, boolean owned, KafkaOutboxConfig config) {
        this.producer = producer;
        this.owned = owned;
        this.config = config;
        this.timeoutNanos = config.sendTimeout().toNanos();
    }

    /** A publisher with its own producer built from {@code producerProperties} ({@code bootstrap.servers} at least). */
    public static KafkaOutboxPublisher create(Map<String, ?> producerProperties, KafkaOutboxConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, Object> settings = ProducerSettings.effective(producerProperties, config.sendTimeout());
        return new KafkaOutboxPublisher(new KafkaProducer<>(settings), true, config);
    }

    /** A publisher with its own producer and every default of {@link KafkaOutboxConfig}. */
    public static KafkaOutboxPublisher create(Map<String, ?> producerProperties) {
        return create(producerProperties, KafkaOutboxConfig.ofDefaults());
    }

    /** A publisher sending through {@code producer}, which stays the caller's (never closed here). */
    public static KafkaOutboxPublisher using(Producer<String, String> producer, KafkaOutboxConfig config) {
        return new KafkaOutboxPublisher(Objects.requireNonNull(producer, "producer"), false,
                Objects.requireNonNull(config, "config"));
    }

    @Override
    public void publish(List<OutboxRecord> batch) throws KafkaPublishException {
        long started = System.nanoTime();
        String shard = batch.get(0).shard();
        try {
            awaitAcknowledgements(batch, send(batch), started);
        } catch (KafkaPublishException ex) {
            config.metrics().batchRefused(shard, System.nanoTime() - started, rootType(ex));
            throw ex;
        }
        config.metrics().batchAcknowledged(shard, batch.size(), System.nanoTime() - started);
    }

    private List<Future<RecordMetadata>> send(List<OutboxRecord> batch) throws KafkaPublishException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (OutboxRecord record : batch) {
            String topic = config.topics().topicFor(record);
            if (!TopicNames.isLegal(topic)) {
                throw KafkaPublishException.illegalTopic(record, topic);
            }
            Future<RecordMetadata> ack;
            try {
                ack = producer.send(toProducerRecord(record, topic));
            } catch (KafkaException ex) {
                throw KafkaPublishException.sendFailed(record, topic, ex);
            }
            // A send that could not get the topic's metadata within max.block.ms (broker down, topic missing)
            // comes back failed already: stop there, or every further record of the batch would block as long.
            // What was sent before stays in flight and may still arrive.
            if (ack.isDone()) {
                failIfFailed(record, topic, ack);
            }
            acks.add(ack);
        }
        return acks;
    }

    private static void failIfFailed(OutboxRecord record, String topic, Future<RecordMetadata> ack)
            throws KafkaPublishException {
        try {
            ack.get();
        } catch (ExecutionException ex) {
            throw KafkaPublishException.sendFailed(record, topic, Objects.requireNonNullElse(ex.getCause(), ex));
        } catch (InterruptedException ex) {
            throw KafkaPublishException.interrupted(record, ex);
        }
    }

    private void awaitAcknowledgements(List<OutboxRecord> batch, List<Future<RecordMetadata>> acks, long started)
            throws KafkaPublishException {
        long deadline = started + timeoutNanos;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException ex) {
                OutboxRecord record = batch.get(i);
                throw KafkaPublishException.sendFailed(record, config.topics().topicFor(record), Objects.requireNonNullElse(ex.getCause(), ex));
            } catch (TimeoutException ex) {
                throw KafkaPublishException.timedOut(batch.get(0), acks.size() - i, acks.size(),
                        config.sendTimeout());
            } catch (InterruptedException ex) {
                throw KafkaPublishException.interrupted(batch.get(0), ex);
            }
        }
    }

    private static ProducerRecord<String, String> toProducerRecord(OutboxRecord record, String topic) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(OutboxHeaders.ID, utf8(record.key()));
        headers.add(OutboxHeaders.TYPE, utf8(record.event().eventType()));
        headers.add(OutboxHeaders.AGGREGATE_TYPE, utf8(record.event().aggregateType()));
        headers.add(OutboxHeaders.SHARD, utf8(record.shard()));
        headers.add(OutboxHeaders.SEQUENCE, utf8(Long.toString(record.id())));
        return new ProducerRecord<>(topic, null, record.createdAt().toEpochMilli(), record.event().aggregateId(),
                record.event().payload(), headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static Class<? extends Throwable> rootType(KafkaPublishException ex) {
        return ex.getCause() != null ? ex.getCause().getClass() : ex.getClass();
    }

    /** The producer records go through (for its metrics, e.g. Micrometer's {@code KafkaClientMetrics}). */
    public Producer<String, String> producer() {
        return producer;
    }

    public KafkaOutboxConfig config() {
        return config;
    }

    /** Closes the producer if this publisher created it, waiting up to the send timeout for records in flight. */
    @Override
    public void close() {
        if (owned) {
            producer.close(config.sendTimeout());
        }
    }

    @Override
    public String toString() {
        return "KafkaOutboxPublisher[" + config + (owned ? "" : ", producer supplied") + "]";
    }
}
