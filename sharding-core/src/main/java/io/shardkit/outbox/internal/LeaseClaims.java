package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Claims with a lease, for databases without SKIP LOCKED: one atomic conditional update writes this relay's id
 * and an expiry into the shard's lock row when the row is free, already this relay's, or its lease has
 * expired. The database re-checks that condition on a row another relay changed meanwhile, so of two relays
 * racing exactly one gets the lease. No transaction stays open while the batch is published.
 *
 * <p>A relay that dies leaves its lease to expire after the configured duration; one restarted with the same
 * relay id takes it back at once. Expiry compares relay clocks, which must agree to well within the lease.
 *
 * <p>Immutable and thread-safe.
 */
final class LeaseClaims implements ClaimStrategy {

    private final OutboxSql sql;
    private final String owner;
    private final Duration lease;

    LeaseClaims(OutboxSql sql, String owner, Duration lease) {
        this.sql = sql;
        this.owner = owner;
        this.lease = lease;
    }

    @Override
    public Claim claim(Connection connection, String shard, int limit, Instant now) throws SQLException {
        int taken;
        try (PreparedStatement ps = connection.prepareStatement(sql.takeLease())) {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
            ps.setString(3, owner);
            ps.setTimestamp(4, Timestamp.from(now));
            taken = ps.executeUpdate();
        }
        connection.commit();
        if (taken == 0) {
            if (!sql.lockRowExists(connection)) {
                throw sql.missingLockRow(shard);
            }
            connection.rollback();
            return Claim.BUSY;
        }
        List<OutboxRecord> head = sql.readHead(connection, shard, limit);
        if (head.isEmpty()) {
            release(connection);
            connection.commit();
            return Claim.NONE;
        }
        connection.commit();
        return Claim.of(head);
    }

    @Override
    public boolean confirm(Connection connection, Claim claim, Instant now) throws SQLException {
        sql.markPublished(connection, claim, now);
        boolean held = release(connection);
        connection.commit();
        return held;
    }

    @Override
    public void refuse(Connection connection, Claim claim) throws SQLException {
        sql.countAttempt(connection, claim);
        release(connection);
        connection.commit();
    }

    private boolean release(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.releaseLease())) {
            ps.setString(1, owner);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public String name() {
        return "lease";
    }
}
