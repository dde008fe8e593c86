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

    OutboxSql(String table) {
        this.table = table;
        this.lockTable = table + "_lock";
    }

    String lockTable() {
        return lockTable;
    }

    /** The oldest pending events, ascending. */
    String selectPending(int limit) {
        return "SELECT id, aggregate_type, aggregate_id, event_type, payload, created_at, attempts FROM " + table
                + " WHERE published_at IS NULL ORDER BY id LIMIT " + limit;
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

    /** {@code UPDATE table SET <set> WHERE id IN (?, ...)}, one placeholder per id: primary-key lookups only. */
    String updateIds(String set, int ids) {
        StringBuilder sql = new StringBuilder(64 + ids * 3).append("UPDATE ").append(table).append(" SET ")
                .append(set).append(" WHERE id IN (");
        for (int i = 0; i < ids; i++) {
            sql.append(i == 0 ? "?" : ", ?");
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
        try (PreparedStatement ps = connection.prepareStatement(updateIds("published_at = ?",
                claim.records().size()))) {
            ps.setTimestamp(1, Timestamp.from(now));
            bindIds(ps, 2, claim);
            ps.executeUpdate();
        }
    }

    /** Counts a failed attempt on each of the claim's events. */
    void countAttempt(Connection connection, Claim claim) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(updateIds("attempts = attempts + 1",
                claim.records().size()))) {
            bindIds(ps, 1, claim);
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

    private static void bindIds(PreparedStatement ps, int first, Claim claim) throws SQLException {
        int index = first;
        for (OutboxRecord r : claim.records()) {
            ps.setLong(index++, r.id());
        }
    }
}
