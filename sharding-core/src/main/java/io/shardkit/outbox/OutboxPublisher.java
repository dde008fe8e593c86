package io.shardkit.outbox;

import java.util.List;

/**
 * Where the {@link OutboxRelay} sends events: the interface a Kafka, SQS or in-process publisher implements.
 *
 * <p>The relay calls {@link #publish(List)} with a non-empty batch from one shard, in ascending id order.
 * Returning normally <em>confirms</em> the whole batch: the relay then marks it published and never hands it
 * out again. Throwing anything refuses the whole batch: none of it is marked, and the same events (possibly
 * more, never fewer or reordered) come again after the shard's back-off. So a publisher returns only once the
 * broker has acknowledged every record (e.g. after waiting on Kafka's send futures), and may have delivered a
 * part of a batch it then refuses: consumers see at-least-once delivery and de-duplicate on
 * {@link OutboxRecord#key()}.
 *
 * <p>Implementations must be thread-safe: the relay publishes batches of different shards concurrently (one
 * batch per shard at a time). A call that blocks holds that shard's relay thread, and with row locking a
 * database transaction, so bound it with a timeout.
 */
@FunctionalInterface
public interface OutboxPublisher {

    /**
     * Publishes {@code batch} and returns once every record is acknowledged.
     *
     * @param batch one shard's events, ascending by id, never empty; the list is not modified afterwards
     * @throws Exception when any record could not be published; the whole batch is retried later
     */
    void publish(List<OutboxRecord> batch) throws Exception;
}
