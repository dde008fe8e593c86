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
 * <p>Immutable and thread-safe.
 */
public final class OutboxWriter {

    /** Default table name; the DDL shipped under {@code io/shardkit/outbox/} creates it. */
    public static final String DEFAULT_TABLE = "outbox";
    /** Default payload bound: 1 MiB of UTF-8, Kafka's default message size. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

    private static final String[] GENERATED_ID = {"id"};

    private final String table;
    private final int maxPayloadBytes;
    private final Clock clock;
    private final TransactionalConnections connections;
    private final String insertSql;

    private OutboxWriter(Builder b) {
        this.table = b.table;
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.clock = b.clock;
        this.connections = b.connections;
        this.insertSql = "INSERT INTO " + table + " (aggregate_type, aggregate_id, event_type, payload, created_at)"
                + " VALUES (?, ?, ?, ?, ?)";
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
        try (PreparedStatement ps = connection.prepareStatement(insertSql, GENERATED_ID)) {
            ps.setString(1, event.aggregateType());
            ps.setString(2, event.aggregateId());
            ps.setString(3, event.eventType());
            ps.setString(4, event.payload());
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no generated id for table " + table);
                }
                return keys.getLong(1);
            }
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

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    @Override
    public String toString() {
        return "OutboxWriter[table=" + table + ", maxPayloadBytes=" + maxPayloadBytes + "]";
    }

    /** Builder for {@link OutboxWriter}; setters check their value at once. Not thread-safe. */
    public static final class Builder {
        private String table = DEFAULT_TABLE;
        private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
        private Clock clock = Clock.systemUTC();
        private TransactionalConnections connections = TransactionalConnections.dataSourceManaged();

        private Builder() {
        }

        /** The outbox table, optionally schema-qualified; default {@value #DEFAULT_TABLE}. */
        public Builder table(String table) {
            this.table = OutboxTables.checkName(table);
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
            return new OutboxWriter(this);
        }
    }
}
