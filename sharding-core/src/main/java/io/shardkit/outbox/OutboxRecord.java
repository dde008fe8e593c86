package io.shardkit.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * An event read back from a shard's outbox, as the relay hands it to an {@link OutboxPublisher}.
 *
 * <p>{@link #id()} grows with insertion on its shard: within one batch, and from batch to batch of one shard,
 * records arrive in ascending id. {@code (shard, id)} identifies an event across the whole system, which is
 * what a consumer de-duplicating at-least-once deliveries keys on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shard     name of the shard whose outbox holds the event
 * @param id        the event's id in that outbox (per shard insertion order)
 * @param event     what was appended
 * @param createdAt when it was appended (the writer's clock)
 * @param attempts  how many publish attempts failed before this one (0 on the first delivery)
 */
public record OutboxRecord(String shard, long id, OutboxEvent event, Instant createdAt, int attempts) {

    public OutboxRecord {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** {@code shard + ":" + id}, unique across shards; a natural message id or de-duplication key. */
    public String key() {
        return shard + ":" + id;
    }
}
