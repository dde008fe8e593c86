package io.shardkit.outbox.kafka;

import io.shardkit.outbox.OutboxRecord;

/**
 * Which Kafka topic an outbox event goes to. {@link #perAggregateType(String)} (the default, with prefix
 * {@value #DEFAULT_PREFIX}) names the topic after the event's aggregate type, as Debezium's Outbox Event Router does
 * by default, so that consumers read the same topics whichever relay publishes; {@link #fixed(String)} sends every
 * event to one topic.
 *
 * <p>Implementations must be thread-safe and cheap: they are called once per event.
 */
@FunctionalInterface
public interface OutboxTopics {

    /** Debezium's default topic prefix: {@code outbox.event.<aggregate type>}. */
    String DEFAULT_PREFIX = "outbox.event.";

    /** The topic of {@code record}; must be a legal Kafka topic name, or the batch is refused. */
    String topicFor(OutboxRecord record);

    /** {@code prefix + aggregateType}, e.g. {@code outbox.event.Order}; the prefix may be empty. */
    static OutboxTopics perAggregateType(String prefix) {
        return new NamedTopics(TopicNames.checkPrefix(prefix), true);
    }

    /** Every event to {@code topic}. */
    static OutboxTopics fixed(String topic) {
        return new NamedTopics(TopicNames.check(topic), false);
    }
}
