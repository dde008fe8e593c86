package io.shardkit.outbox.kafka;

/**
 * Where {@link KafkaOutboxPublisher} reports each batch. The relay reports published, failed and pending events
 * per shard itself ({@code ShardingMetrics}); this adds what only the publisher sees: how long the broker took to
 * acknowledge a batch, and why a batch was refused. {@link #NOOP} stands in when no metrics are wanted.
 *
 * <p>Implementations must be thread-safe and cheap: the relay publishes batches of different shards concurrently.
 */
public interface KafkaOutboxMetrics {

    /** Does nothing. */
    KafkaOutboxMetrics NOOP = new KafkaOutboxMetrics() {
    };

    /** The broker acknowledged all {@code records} records of a batch of {@code shard} within {@code nanos}. */
    default void batchAcknowledged(String shard, int records, long nanos) {
    }

    /** A batch of {@code shard} was refused after {@code nanos}: not every record was acknowledged. */
    default void batchRefused(String shard, long nanos, Class<? extends Throwable> failure) {
    }
}
