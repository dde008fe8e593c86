package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's SQL over one outbox table: portable across H2, PostgreSQL, MariaDB and MySQL (all take
 * {@code LIMIT}). The table name was checked to be an identifier before it got here. Immutable, thread-safe.
 */
final class OutboxSql {

    private static final String COLUMNS = "id, aggregate_type, aggregate_id, event_type, payload, created_at, "
            + "attempts";

    private final String table;

    OutboxSql(String table) {
        this.table = table;
    }

    /** The oldest pending events, ascending, with {@code suffix} (a locking clause) appended. */
    String selectPending(int limit, String extraColumns, String suffix) {
        return "SELECT " + COLUMNS + extraColumns + " FROM " + table + " WHERE published_at IS NULL ORDER BY id"
                + " LIMIT " + limit + suffix;
    }

    String selectOldestPendingId() {
        return "SELECT MIN(id) FROM " + table + " WHERE published_at IS NULL";
    }

    String countPending() {
        return "SELECT COUNT(*) FROM " + table + " WHERE published_at IS NULL";
    }

    /** {@code UPDATE table SET <set> WHERE id IN (?, ...) <condition>}, one placeholder per id. */
    String updateIds(String set, int ids, String condition) {
        StringBuilder sql = new StringBuilder(64 + ids * 3).append("UPDATE ").append(table).append(" SET ")
                .append(set).append(" WHERE id IN (");
        for (int i = 0; i < ids; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(")").append(condition).toString();
    }

    /** Binds the claim's ids from parameter {@code first} on; returns the next free parameter index. */
    static int bindIds(PreparedStatement ps, int first, Claim claim) throws SQLException {
        int index = first;
        for (OutboxRecord r : claim.records()) {
            ps.setLong(index++, r.id());
        }
        return index;
    }

    /** Reads the rows of a {@link #selectPending} query into records of {@code shard}. */
    static List<OutboxRecord> read(ResultSet rs, String shard) throws SQLException {
        List<OutboxRecord> records = new ArrayList<>();
        while (rs.next()) {
            records.add(row(rs, shard));
        }
        return records;
    }

    static OutboxRecord row(ResultSet rs, String shard) throws SQLException {
        OutboxEvent event = new OutboxEvent(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
        return new OutboxRecord(shard, rs.getLong(1), event, rs.getTimestamp(6).toInstant(), rs.getInt(7));
    }
}
