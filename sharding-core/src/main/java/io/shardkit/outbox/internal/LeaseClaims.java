package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims by leases, for databases without SKIP LOCKED: reads the oldest pending events, then takes them all or
 * none with one conditional {@code UPDATE ... SET lease_owner = me, lease_until = now + lease WHERE id IN (...)
 * AND (no lease, my lease or an expired one)}. The update re-checks its condition on rows another relay changed
 * meanwhile, so of two relays racing for the same head exactly one gets every row; the other gets fewer rows,
 * rolls back and reports busy. No transaction stays open while the batch is published.
 *
 * <p>Only the head is taken (events before the first row leased by someone else), so order holds as with row
 * locks. Confirming and refusing touch only rows still leased to this relay.
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
        List<OutboxRecord> head = new ArrayList<>();
        boolean blocked = false;
        try (PreparedStatement ps = connection.prepareStatement(sql.selectPending(limit,
                ", lease_owner, lease_until", "")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (leasedByAnother(rs, now)) {
                    blocked = true;
                    break;
                }
                head.add(OutboxSql.row(rs, shard));
            }
        }
        connection.commit();
        if (head.isEmpty()) {
            return blocked ? Claim.BUSY : Claim.NONE;
        }
        Claim claim = Claim.of(head);
        if (take(connection, claim, now) != head.size()) {
            connection.rollback();
            return Claim.BUSY;
        }
        connection.commit();
        return claim;
    }

    private boolean leasedByAnother(ResultSet rs, Instant now) throws SQLException {
        String leaseOwner = rs.getString(8);
        Timestamp until = rs.getTimestamp(9);
        return leaseOwner != null && !leaseOwner.equals(owner) && until != null && until.toInstant().isAfter(now);
    }

    private int take(Connection connection, Claim claim, Instant now) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.updateIds("lease_owner = ?, lease_until = ?",
                claim.records().size(), " AND published_at IS NULL"
                        + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until IS NULL OR lease_until <= ?)"))) {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
            int next = OutboxSql.bindIds(ps, 3, claim);
            ps.setString(next, owner);
            ps.setTimestamp(next + 1, Timestamp.from(now));
            return ps.executeUpdate();
        }
    }

    @Override
    public int confirm(Connection connection, Claim claim, Instant now) throws SQLException {
        int marked;
        try (PreparedStatement ps = connection.prepareStatement(sql.updateIds(
                "published_at = ?, lease_owner = NULL, lease_until = NULL", claim.records().size(),
                " AND lease_owner = ? AND published_at IS NULL"))) {
            ps.setTimestamp(1, Timestamp.from(now));
            int next = OutboxSql.bindIds(ps, 2, claim);
            ps.setString(next, owner);
            marked = ps.executeUpdate();
        }
        connection.commit();
        return marked;
    }

    @Override
    public void refuse(Connection connection, Claim claim) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.updateIds(
                "attempts = attempts + 1, lease_owner = NULL, lease_until = NULL", claim.records().size(),
                " AND lease_owner = ?"))) {
            int next = OutboxSql.bindIds(ps, 1, claim);
            ps.setString(next, owner);
            ps.executeUpdate();
        }
        connection.commit();
    }

    @Override
    public String name() {
        return "lease";
    }
}
