package io.shardkit.outbox.kafka;

/**
 * The headers {@link KafkaOutboxPublisher} puts on every record (values UTF-8 text). {@link #ID} and {@link #TYPE}
 * are the ones Debezium's Outbox Event Router writes (with its {@code type} column placed as a header), so a
 * consumer de-duplicates and dispatches the same way whichever relay published.
 *
 * <p>Constants only; thread-safe.
 */
public final class OutboxHeaders {

    /** The event's id, unique across shards ({@code OutboxRecord.key()}, {@code shard:id}): de-duplicate on it. */
    public static final String ID = "id";
    /** The event type, e.g. {@code OrderPlaced}. */
    public static final String TYPE = "type";
    /** The aggregate type, e.g. {@code Order} (the message key is the aggregate id). */
    public static final String AGGREGATE_TYPE = "aggregatetype";
    /** The shard whose outbox held the event. */
    public static final String SHARD = "shardkit.shard";
    /** The event's position in its shard's outbox (the outbox id), increasing per shard. */
    public static final String SEQUENCE = "shardkit.seq";

    private OutboxHeaders() {
    }
}
