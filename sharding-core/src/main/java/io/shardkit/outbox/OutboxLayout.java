package io.shardkit.outbox;

/**
 * The shape of the outbox table, and so which relay carries its events out.
 *
 * <p>Thread-safe (an enum).
 */
public enum OutboxLayout {

    /**
     * shardkit's table for its polling {@link OutboxRelay}: an identity {@code id} (the shard's insertion order),
     * {@code aggregate_type}, {@code aggregate_id}, {@code event_type}, {@code payload}, {@code created_at}, and
     * {@code published_at} / {@code attempts}, which the relay updates. Default table {@code outbox}.
     */
    SHARDKIT("outbox"),

    /**
     * The columns Debezium's Outbox Event Router reads by default: {@code id} (a UUID per event, which it puts in
     * the {@code id} header for consumers to de-duplicate on), {@code aggregatetype} (the topic suffix),
     * {@code aggregateid} (the message key, hence partition and order), {@code type} and {@code payload}; plus
     * shardkit's {@code seq} (the shard's insertion order, an identity) and {@code created_at}, which the
     * connector can place in headers. The table is insert-only, as the router wants: nothing updates it, the
     * polling relay cannot run on it, and by default the writer deletes each row again in the same transaction,
     * so the table stays empty while the database's log still carries every insert to Debezium. Default table
     * {@code outbox_event}.
     */
    DEBEZIUM("outbox_event");

    private final String defaultTable;

    OutboxLayout(String defaultTable) {
        this.defaultTable = defaultTable;
    }

    /** The table the DDL shipped for this layout creates. */
    public String defaultTable() {
        return defaultTable;
    }
}
