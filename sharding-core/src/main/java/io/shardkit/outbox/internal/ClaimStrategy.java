package io.shardkit.outbox.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * One way for a relay to take the head of a shard's outbox for itself, and to settle it after publishing. Every
 * method gets the same connection, in manual-commit mode, for one poll; each commits or rolls back what it
 * did, except that {@link #claim} may leave a transaction open (holding row locks) for {@link #confirm} or
 * {@link #refuse} to end.
 *
 * <p>Implementations are immutable and thread-safe; the per-poll state lives in the connection and the claim.
 */
interface ClaimStrategy {

    /** Claims up to {@code limit} of the oldest pending events, or says why it could not. */
    Claim claim(Connection connection, String shard, int limit, Instant now) throws SQLException;

    /**
     * Marks the claimed events published, after the publisher confirmed them. Returns how many were marked;
     * fewer than claimed means the claim had been lost (a lease expired) and another relay may publish them too.
     */
    int confirm(Connection connection, Claim claim, Instant now) throws SQLException;

    /** Gives the claim up after the publisher refused it, counting the failed attempt on each event. */
    void refuse(Connection connection, Claim claim) throws SQLException;

    /** A short name for logs. */
    String name();
}
