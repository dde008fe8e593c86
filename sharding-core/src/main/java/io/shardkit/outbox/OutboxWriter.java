package io.shardkit.outbox;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardingConfigurationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Appends events to the outbox table in the caller's own local transaction, so that an event commits or rolls
 * back with the business rows it describes. Give it the connection the business rows were written on
 * ({@link #append(Connection, OutboxEvent)}), or the (routing) DataSource whose current transaction should
 * carry it ({@link #append(DataSource, OutboxEvent)}). Through shardkit's routing DataSource the event lands
 * on the shard bound to the thread: the business rows' shard.
 *
 * <pre>{@code
 * OutboxWriter outbox = OutboxWriter.create();
 * try (ShardScope s = registry.bind(shard); Connection c = routing.getConnection()) {
 *     c.setAutoCommit(false);
 *     insertOrder(c, order);
 *     outbox.append(c, OutboxEvent.of("Order", order.id(), "OrderPlaced", json));
 *     c.commit();                               // both or neither
 * }
 * }</pre>
 *
 * <p>An append never commits and never runs outside a transaction: a connection in auto-commit mode is refused
 * with {@link OutboxTransactionRequiredException}. Events are checked before any SQL runs
 * ({@link InvalidOutboxEventException}); a database failure becomes an {@link OutboxException} naming the bound
 * shard, if any, and leaves the caller's transaction for the caller to roll back.
 *
 * <p>By default it writes shardkit's table, which the polling {@link OutboxRelay} publishes; with
 * {@link Builder#layout(OutboxLayout) layout(DEBEZIUM)} it writes the table Debezium's Outbox Event Router reads
 * (and by default deletes each row again in the same transaction), for a Debezium connector per shard to relay.
 *
 * <p>Immutable and thread-safe.
 */
public final class OutboxWriter {

    /** Default table name; the DDL shipped under {@code io/shardkit/outbox/} creates it. */
    public static final String DEFAULT_TABLE = "outbox";
    /** Default payload bound: 1 MiB of UTF-8, Kafka's default message size. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    private static final String[] GENERATED_ID = {"id"};
    private static final String[] GENERATED_SEQ = {"seq"};

    private final String table;
    private final OutboxLayout layout;
    private final boolean deleteAfterInsert;
    private final int maxPayloadBytes;
    private final Clock clock;
    private final TransactionalConnections connections;
    private final String insertSql;
    private final String deleteSql;

    private OutboxWriter(Builder b, String table, boolean deleteAfterInsert) {
        this.table = table;
        this.layout = b.layout;
        this.deleteAfterInsert = deleteAfterInsert;
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.clock = b.clock;
        this.connections = b.connections;
        this.insertSql = layout == OutboxLayout.DEBEZIUM
                ? "INSERT INTO " + table + " (id, aggregatetype, aggregateid, type, payload, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)"
                : "INSERT INTO " + table + " (aggregate_type, aggregate_id, event_type, payload, created_at)"
                + " VALUES (?, ?, ?, ?, ?)";
        this.deleteSql = "DELETE FROM " + table + " WHERE id = ?";
    }

    /** A writer with every default: table {@value #DEFAULT_TABLE}, 1 MiB payloads, the system UTC clock. */
    public static OutboxWriter create() {
        return custom().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    /**
     * Appends {@code event} on {@code connection}, inside the transaction the connection is in, and returns the
     * event's id (its position in this shard's outbox). Does not commit.
     *
     * @throws OutboxTransactionRequiredException when the connection is in auto-commit mode
     * @throws InvalidOutboxEventException        when the payload exceeds {@link #maxPayloadBytes()}
     * @throws OutboxException                    when the database refuses the insert
     */
    public long append(Connection connection, OutboxEvent event) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(event, "event");
        checkPayload(event);
        try {
            if (connection.getAutoCommit()) {
                throw new OutboxTransactionRequiredException("event " + event.eventType() + " of "
                        + event.aggregateType() + " " + event.aggregateId());
            }
            return insert(connection, event);
        } catch (SQLException ex) {
            throw new OutboxException(boundShard(), "could not append event " + event.eventType() + " of "
                    + event.aggregateType() + " [" + event.aggregateId() + "]: " + ex.getMessage(), ex);
        }
    }

    /**
     * Appends {@code event} on the connection of the caller's current transaction on {@code dataSource}, as
     * found by this writer's {@link TransactionalConnections} (see there: with the core default the DataSource
     * must be transaction-aware; the Spring starter binds it to the {@code @Transactional} transaction).
     *
     * @throws OutboxTransactionRequiredException when the connection obtained is in auto-commit mode
     */
    public long append(DataSource dataSource, OutboxEvent event) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(event, "event");
        checkPayload(event);
        Connection connection;
        try {
            connection = connections.obtain(dataSource);
        } catch (SQLException ex) {
            throw new OutboxException(boundShard(), "could not obtain the transaction's connection: "
                    + ex.getMessage(), ex);
        }
        try {
            return append(connection, event);
        } finally {
            release(connection, dataSource);
        }
    }

    private long insert(Connection connection, OutboxEvent event) throws SQLException {
        if (layout == OutboxLayout.DEBEZIUM) {
            return insertForDebezium(connection, event);
        }
        try (PreparedStatement ps = connection.prepareStatement(insertSql, GENERATED_ID)) {
            bindEvent(ps, 1, event);
            ps.executeUpdate();
            return generated(ps);
        }
    }

    /** A fresh event id (the router's {@code id} header), the row, and by default its deletion: the log keeps it. */
    private long insertForDebezium(Connection connection, OutboxEvent event) throws SQLException {
        UUID id = UUID.randomUUID();
        long seq;
        try (PreparedStatement ps = connection.prepareStatement(insertSql, GENERATED_SEQ)) {
            ps.setObject(1, id);
            bindEvent(ps, 2, event);
            ps.executeUpdate();
            seq = generated(ps);
        }
        if (deleteAfterInsert) {
            try (PreparedStatement ps = connection.prepareStatement(deleteSql)) {
                ps.setObject(1, id);
                ps.executeUpdate();
            }
        }
        return seq;
    }

    private void bindEvent(PreparedStatement ps, int first, OutboxEvent event) throws SQLException {
        ps.setString(first, event.aggregateType());
        ps.setString(first + 1, event.aggregateId());
        ps.setString(first + 2, event.eventType());
        ps.setString(first + 3, event.payload());
        ps.setTimestamp(first + 4, Timestamp.from(clock.instant()));
    }

    private long generated(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("the database returned no generated id for table " + table);
            }
            return keys.getLong(1);
        }
    }

    private void release(Connection connection, DataSource dataSource) {
        try {
            connections.release(connection, dataSource);
        } catch (SQLException ex) {
            throw new OutboxException(boundShard(), "could not release the connection: " + ex.getMessage(), ex);
        }
    }

    private void checkPayload(OutboxEvent event) {
        String payload = event.payload();
        // A char is at most 3 UTF-8 bytes (a surrogate pair 4 for 2 chars): skip counting when it cannot matter.
        if ((long) payload.length() * 3 <= maxPayloadBytes) {
            return;
        }
        long bytes = Utf8.length(payload);
        if (bytes > maxPayloadBytes) {
            throw new InvalidOutboxEventException("payload", event.aggregateId(), "at most " + maxPayloadBytes
                    + " bytes of UTF-8 are allowed but it has " + bytes);
        }
    }

    private static @Nullable String boundShard() {
        Shard shard = ShardContext.current();
        return shard == null ? null : shard.name();
    }

    public String table() {
        return table;
    }

    public OutboxLayout layout() {
        return layout;
    }

    /** With {@link OutboxLayout#DEBEZIUM}: whether each row is deleted again in the transaction that inserted it. */
    public boolean deleteAfterInsert() {
        return deleteAfterInsert;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    @Override
    public String toString() {
        return "OutboxWriter[table=" + table + ", layout=" + layout + ", maxPayloadBytes=" + maxPayloadBytes + "]";
    }

    /** Builder for {@link OutboxWriter}; setters check their value at once. Not thread-safe. */
    public static final class Builder {
        private @Nullable String table;
        private OutboxLayout layout = OutboxLayout.SHARDKIT;
        private @Nullable Boolean deleteAfterInsert;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private Clock clock = Clock.systemUTC();
        private TransactionalConnections connections = TransactionalConnections.dataSourceManaged();

        private Builder() {
        }

        /** The outbox table, optionally schema-qualified; default the layout's {@link OutboxLayout#defaultTable()}. */
        public Builder table(String table) {
            this.table = OutboxTables.checkName(table);
            return this;
        }

        /** The table's shape: {@link OutboxLayout#SHARDKIT} (default, for the polling relay) or DEBEZIUM. */
        public Builder layout(OutboxLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * With {@link OutboxLayout#DEBEZIUM}: delete each row again in the transaction that inserted it (default
         * true), so the table stays empty while the log carries the insert to Debezium; false keeps the rows (for
         * inspection, or a connector snapshot), to be deleted on your own schedule. Not for the SHARDKIT layout,
         * whose rows the polling relay reads.
         */
        public Builder deleteAfterInsert(boolean deleteAfterInsert) {
            this.deleteAfterInsert = deleteAfterInsert;
            return this;
        }

        /** Largest payload accepted, in UTF-8 bytes; default 1 MiB. Match it to what the publisher can send. */
        public Builder maxPayloadBytes(int maxPayloadBytes) {
            if (maxPayloadBytes < 1) {
                throw new ShardingConfigurationException("maxPayloadBytes must be >= 1 but was "
                        + maxPayloadBytes);
            }
            this.maxPayloadBytes = maxPayloadBytes;
            return this;
        }

        /** Clock stamping {@code created_at}; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How {@link OutboxWriter#append(DataSource, OutboxEvent)} finds the transaction's connection. */
        public Builder transactionalConnections(TransactionalConnections connections) {
            this.connections = Objects.requireNonNull(connections, "connections");
            return this;
        }

        public OutboxWriter build() {
            if (layout == OutboxLayout.SHARDKIT && Boolean.TRUE.equals(deleteAfterInsert)) {
                throw new ShardingConfigurationException("outbox writer deleteAfterInsert applies to the DEBEZIUM "
                        + "layout only: the polling relay reads the SHARDKIT layout's rows");
            }
            return new OutboxWriter(this, table != null ? table : layout.defaultTable(),
                    layout == OutboxLayout.DEBEZIUM && (deleteAfterInsert == null || deleteAfterInsert));
        }
    }
}
