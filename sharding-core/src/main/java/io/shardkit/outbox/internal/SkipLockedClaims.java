package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Claims by row locks: {@code SELECT ... FOR UPDATE SKIP LOCKED} on the oldest pending events, kept locked in
 * the open transaction while the batch is published, released by the commit that marks them.
 *
 * <p>SKIP LOCKED alone would let a second relay take the <em>next</em> batch while the first still publishes
 * its own, and publish it first: order would break. So after locking, the relay checks that no pending event
 * older than its batch exists (one locked by another relay); if one does, it lets go and reports busy. Only
 * the relay holding the head of the outbox publishes.
 *
 * <p>Immutable and thread-safe.
 */
final class SkipLockedClaims implements ClaimStrategy {

    private final OutboxSql sql;

    SkipLockedClaims(OutboxSql sql) {
        this.sql = sql;
    }

    @Override
    public Claim claim(Connection connection, String shard, int limit, Instant now) throws SQLException {
        List<OutboxRecord> records;
        try (PreparedStatement ps = connection.prepareStatement(sql.selectPending(limit, "",
                " FOR UPDATE SKIP LOCKED")); ResultSet rs = ps.executeQuery()) {
            records = OutboxSql.read(rs, shard);
        }
        if (records.isEmpty()) {
            // Nothing unlocked: either nothing pending or everything pending is another relay's.
            long oldest = oldestPendingId(connection);
            connection.rollback();
            return oldest < 0 ? Claim.NONE : Claim.BUSY;
        }
        long oldest = oldestPendingId(connection);
        if (oldest >= 0 && oldest < records.get(0).id()) {
            connection.rollback();
            return Claim.BUSY;
        }
        return Claim.of(records);
    }

    private long oldestPendingId(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.selectOldestPendingId());
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return -1;
            }
            long id = rs.getLong(1);
            return rs.wasNull() ? -1 : id;
        }
    }

    @Override
    public int confirm(Connection connection, Claim claim, Instant now) throws SQLException {
        int marked;
        try (PreparedStatement ps = connection.prepareStatement(sql.updateIds("published_at = ?",
                claim.records().size(), " AND published_at IS NULL"))) {
            ps.setTimestamp(1, Timestamp.from(now));
            OutboxSql.bindIds(ps, 2, claim);
            marked = ps.executeUpdate();
        }
        connection.commit();
        return marked;
    }

    @Override
    public void refuse(Connection connection, Claim claim) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.updateIds("attempts = attempts + 1",
                claim.records().size(), ""))) {
            OutboxSql.bindIds(ps, 1, claim);
            ps.executeUpdate();
        }
        connection.commit();
    }

    @Override
    public String name() {
        return "skip-locked";
    }
}
