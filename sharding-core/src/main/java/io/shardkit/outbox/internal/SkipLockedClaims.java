package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Claims with a row lock: {@code SELECT ... FROM <table>_lock ... FOR UPDATE SKIP LOCKED} on the shard's lock
 * row, held by the open transaction while the batch is published and released by the commit that marks it.
 * A second relay skips the locked row at once (busy) instead of queueing behind it; a relay that dies loses
 * its lock with its connection, so another takes over without waiting.
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
        boolean locked;
        try (PreparedStatement ps = connection.prepareStatement(sql.lockRowSkipLocked());
             ResultSet rs = ps.executeQuery()) {
            locked = rs.next();
        }
        if (!locked) {
            connection.rollback();
            if (!sql.lockRowExists(connection)) {
                throw sql.missingLockRow(shard);
            }
            return Claim.BUSY;
        }
        List<OutboxRecord> head = sql.readHead(connection, shard, limit);
        if (head.isEmpty()) {
            connection.rollback();
            return Claim.NONE;
        }
        return Claim.of(head);
    }

    /** The row lock lasts as long as the poll's transaction, which stays open until the publisher returned. */
    @Override
    public Hold hold(DataSource dataSource, String shard, Claim claim, Clock clock) {
        return Hold.NONE;
    }

    @Override
    public boolean confirm(Connection connection, Claim claim, Instant now) throws SQLException {
        sql.markPublished(connection, claim, now);
        connection.commit();
        return true;
    }

    @Override
    public void refuse(Connection connection, Claim claim) throws SQLException {
        sql.countAttempt(connection, claim);
        connection.commit();
    }

    @Override
    public String name() {
        return "skip-locked";
    }
}
