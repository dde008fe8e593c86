package io.shardkit.outbox.kafka;

import io.shardkit.outbox.OutboxException;
import io.shardkit.outbox.OutboxRecord;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Kafka did not acknowledge a whole batch, so {@link KafkaOutboxPublisher} refused it: the relay marks none of it
 * published and hands the same events (possibly more, never fewer or reordered) in again after the shard's
 * back-off. Some records of the batch may have reached the broker: consumers de-duplicate on the {@code id}
 * header. {@link #getShard()} names the shard, {@link #getKey()} the event id ({@code shard:id}) at fault when one
 * is known, {@link #getTopic()} its topic.
 *
 * <p>Messages are built by the static factories. Immutable and thread-safe.
 */
public class KafkaPublishException extends OutboxException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String topic;

    private KafkaPublishException(String message, @Nullable OutboxRecord record, @Nullable String topic,
                                  String shard, @Nullable Throwable cause) {
        super("Outbox of shard '" + shard + "': " + message, record == null ? null : record.key(), shard, cause);
        this.topic = topic;
    }

    /** The broker refused {@code record}, or the producer gave up on it. */
    public static KafkaPublishException sendFailed(OutboxRecord record, String topic, Throwable cause) {
        return new KafkaPublishException("Kafka did not acknowledge event [" + record.key() + "] ("
                + record.event().eventType() + " of " + record.event().aggregateType() + " "
                + record.event().aggregateId() + ") on topic [" + topic + "]: " + cause, record, topic,
                record.shard(), cause);
    }

    /** {@code unacknowledged} of the batch's {@code size} records were still unacknowledged after {@code timeout}. */
    public static KafkaPublishException timedOut(OutboxRecord first, int unacknowledged, int size, Duration timeout) {
        return new KafkaPublishException(unacknowledged + " of " + size + " records of the batch starting at event ["
                + first.key() + "] were not acknowledged within " + timeout.toMillis() + "ms (send-timeout)", first,
                null, first.shard(), null);
    }

    /** The relay's thread was interrupted while waiting for acknowledgements; the interrupt flag is set again. */
    public static KafkaPublishException interrupted(OutboxRecord first, InterruptedException cause) {
        Thread.currentThread().interrupt();
        return new KafkaPublishException("interrupted while waiting for Kafka to acknowledge the batch starting at "
                + "event [" + first.key() + "]", first, null, first.shard(), cause);
    }

    /** The topic {@code record} maps to is not a legal Kafka topic name; the event can never be published so. */
    public static KafkaPublishException illegalTopic(OutboxRecord record, String topic) {
        return new KafkaPublishException("event [" + record.key() + "] maps to topic [" + topic + "], which is not "
                + "a legal Kafka topic name (1 to " + TopicNames.MAX_LENGTH + " ASCII letters, digits, '.', '_' or "
                + "'-'); fix its aggregate type or configure the topics", record, topic, record.shard(), null);
    }

    /** The topic of the event at fault, when known. */
    public @Nullable String getTopic() {
        return topic;
    }
}
