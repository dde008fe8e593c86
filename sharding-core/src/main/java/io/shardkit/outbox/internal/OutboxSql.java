package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxException;
import io.shardkit.outbox.OutboxRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's SQL over one outbox table and its lock table ({@code <table>_lock}, one row {@value #LOCK_ROW}):
 * portable across H2, PostgreSQL, MariaDB and MySQL (all take {@code LIMIT}). The table name was checked to be
 * an identifier before it got here. Immutable, thread-safe.
 */
final class OutboxSql {

    /** The name of the lock table's one row, as the shipped DDL inserts it. */
    static final String LOCK_ROW = "relay";

    private final String table;
    private final String lockTable;
    private final String headOrder;

    /** The SQL for any database, reading the head in plain id order. */
    OutboxSql(String table) {
        this(table, "id");
    }

    private OutboxSql(String table, String headOrder) {
        this.table = table;
        this.lockTable = table + "_lock";
        this.headOrder = headOrder;
    }

    /**
     * The SQL for the database {@code product} (as JDBC metadata names it). H2 reads the head of the pending
     * index in index order, and stops after the batch, only when the ORDER BY names the index's columns: ordered
     * by {@code id} alone it read and sorted every pending row for each batch (measured: 70% of the relay's time
     * draining 25,000 events per shard). Pending rows all have a NULL {@code published_at}, so the order is the
     * same. PostgreSQL's partial index is on {@code id} alone and MariaDB orders by {@code id} from the index
     * already, so they keep the plain order.
     */
    static OutboxSql forProduct(String table, String product) {
        return new OutboxSql(table, product.equalsIgnoreCase("h2") ? "published_at, id" : "id");
    }

    String lockTable() {
        return lockTable;
    }

    /** The oldest pending events, ascending. */
    String selectPending(int limit) {
        return "SELECT id, aggregate_type, aggregate_id, event_type, payload, created_at, attempts FROM " + table
                + " WHERE published_at IS NULL ORDER BY " + headOrder + " LIMIT " + limit;
    }

    String countPending() {
        return "SELECT COUNT(*) FROM " + table + " WHERE published_at IS NULL";
    }

    String lockRowSkipLocked() {
        return "SELECT name FROM " + lockTable + " WHERE name = '" + LOCK_ROW + "' FOR UPDATE SKIP LOCKED";
    }

    /**
     * Takes the lease when nobody holds it or it expired: never while it is live, not even for the same relay id,
     * since a relay restarted under that id may still have a publish of its predecessor running. Parameters:
     * owner, token, expiry, now.
     */
    String takeLease() {
        return "UPDATE " + lockTable + " SET lease_owner = ?, lease_token = ?, lease_until = ? WHERE name = '"
                + LOCK_ROW + "' AND (lease_owner IS NULL OR lease_until IS NULL OR lease_until <= ?)";
    }

    /** Moves the expiry of the claim {@code token} names, if it still holds the lease. Parameters: expiry, token. */
    String renewLease() {
        return "UPDATE " + lockTable + " SET lease_until = ? WHERE name = '" + LOCK_ROW + "' AND lease_token = ?";
    }

    /** Gives up the lease the claim {@code token} names, if it still holds it. Parameter: token. */
    String releaseLease() {
        return "UPDATE " + lockTable + " SET lease_owner = NULL, lease_token = NULL, lease_until = NULL WHERE name = '"
                + LOCK_ROW + "' AND lease_token = ?";
    }

    /**
     * {@code UPDATE table SET <set> WHERE id IN (1, 2, ...)}: primary-key lookups only. The ids are written into the
     * statement as numbers rather than bound as parameters: H2 then checks each row against a hash set of them,
     * whereas with parameters it compared every updated row with every id of the list, which made marking a batch
     * of 100 cost two thirds of the relay's time. They are longs the relay read from the table itself, so the SQL
     * cannot carry anything else.
     */
    String updateIds(String set, Claim claim) {
        List<OutboxRecord> records = claim.records();
        StringBuilder sql = new StringBuilder(64 + records.size() * 8).append("UPDATE ").append(table)
                .append(" SET ").append(set).append(" WHERE id IN (");
        for (int i = 0; i < records.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(records.get(i).id());
        }
        return sql.append(")").toString();
    }

    /** The oldest pending events; to be called only while holding the shard's relay lock. */
    List<OutboxRecord> readHead(Connection connection, String shard, int limit) throws SQLException {
        List<OutboxRecord> records = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(selectPending(limit));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OutboxEvent event = new OutboxEvent(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5));
                records.add(new OutboxRecord(shard, rs.getLong(1), event, rs.getTimestamp(6).toInstant(),
                        rs.getInt(7)));
            }
        }
        return records;
    }

    /**
     * Marks the claim's events published at {@code now}, found by primary key alone. A condition on
     * {@code published_at} as well lets MySQL/MariaDB pick the pending index for the update, and scan its tail
     * with locks right where writers insert their events (see {@link RelayTransactions}). Re-marking an event a
     * second relay marked after this one's lease expired only moves its {@code published_at}.
     */
    void markPublished(Connection connection, Claim claim, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(updateIds("published_at = ?", claim))) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** Counts a failed attempt on each of the claim's events. */
    void countAttempt(Connection connection, Claim claim) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(updateIds("attempts = attempts + 1", claim))) {
            ps.executeUpdate();
        }
    }

    /** Whether the lock row exists; without it no relay could ever lock the shard. */
    boolean lockRowExists(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM " + lockTable
                + " WHERE name = '" + LOCK_ROW + "'"); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    /** Why no relay can ever lock the shard: the lock row the DDL inserts is missing. */
    OutboxException missingLockRow(String shard) {
        return new OutboxException(shard, "table " + lockTable + " has no row '" + LOCK_ROW
                + "'; run the outbox DDL (OutboxSchema) on this shard", null);
    }
}
