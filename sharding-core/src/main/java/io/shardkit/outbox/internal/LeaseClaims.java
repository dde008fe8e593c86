package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Claims with a lease, for databases without SKIP LOCKED: one atomic conditional update writes this relay's id,
 * a token naming this one claim and an expiry into the shard's lock row when the row is free or its lease has
 * expired. The database re-checks that condition on a row another relay changed meanwhile, so of two relays
 * racing exactly one gets the lease. No transaction stays open while the batch is published.
 *
 * <p>The lease outlives the publish call: while the publisher runs, {@link LeaseRenewal} moves the expiry forward
 * every third of the lease, so a publish slower than the lease, or one that carries on after the relay was
 * stopped and interrupted it, keeps every other relay off the shard until it returns. Only the claim's token
 * renews or releases the lease: a relay restarted under the same relay id is another claimant like any other and
 * waits. A relay that dies stops renewing; its lease expires within one lease duration. Expiry compares relay
 * clocks, which must agree to well within the lease.
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
        String token = UUID.randomUUID().toString();
        int taken;
        try (PreparedStatement ps = connection.prepareStatement(sql.takeLease())) {
            ps.setString(1, owner);
            ps.setString(2, token);
            ps.setTimestamp(3, Timestamp.from(now.plus(lease)));
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
            release(connection, token);
            connection.commit();
            return Claim.NONE;
        }
        connection.commit();
        return Claim.of(head, token);
    }

    @Override
    public Hold hold(DataSource dataSource, String shard, Claim claim, Clock clock) {
        return LeaseRenewal.start(dataSource, shard, sql, token(claim), lease, clock);
    }

    @Override
    public boolean confirm(Connection connection, Claim claim, Instant now) throws SQLException {
        sql.markPublished(connection, claim, now);
        boolean held = release(connection, token(claim));
        connection.commit();
        return held;
    }

    @Override
    public void refuse(Connection connection, Claim claim) throws SQLException {
        sql.countAttempt(connection, claim);
        release(connection, token(claim));
        connection.commit();
    }

    private boolean release(Connection connection, String token) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.releaseLease())) {
            ps.setString(1, token);
            return ps.executeUpdate() == 1;
        }
    }

    private static String token(Claim claim) {
        return Objects.requireNonNull(claim.token(), "a lease claim carries its token");
    }

    @Override
    public String name() {
        return "lease";
    }
}
