package io.shardkit.outbox.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * One way for a relay to become the only publisher of a shard's outbox for one batch, and to settle the batch
 * afterwards. Both ways go through the shard's relay lock row ({@code <table>_lock}), never through the event
 * rows: whoever holds the lock reads the oldest pending events, so batches leave each shard in id order
 * whatever the number of relays. (Locking event rows with SKIP LOCKED instead lets a second relay take the
 * next batch and overtake the first; H2 also showed reads that missed rows other transactions had locked.)
 *
 * <p>Every method but {@link #hold} gets the same connection, in manual-commit mode, for one poll. {@link #claim}
 * may leave a transaction open for {@link #confirm} or {@link #refuse} to end; each of those commits.
 *
 * <p>Implementations are immutable and thread-safe; the per-poll state lives in the connection and the claim.
 */
interface ClaimStrategy {

    /** Takes the shard's lock and up to {@code limit} of the oldest pending events, or says why not. */
    Claim claim(Connection connection, String shard, int limit, Instant now) throws SQLException;

    /**
     * Keeps {@code claim} held while its batch is being published, however long that takes; the returned hold is
     * closed once the publisher returned, before {@link #confirm} or {@link #refuse}. The lock must not lapse
     * while the publish may still run, or another relay could publish the shard at the same time.
     */
    Hold hold(DataSource dataSource, String shard, Claim claim, Clock clock);

    /**
     * Marks the claimed events published (the publisher confirmed them) and lets the lock go. Returns false when
     * the lock had been lost before (a lease expired): another relay may then publish the same events again.
     */
    boolean confirm(Connection connection, Claim claim, Instant now) throws SQLException;

    /** Counts a failed attempt on each claimed event and lets the lock go; the events stay pending. */
    void refuse(Connection connection, Claim claim) throws SQLException;

    /** A short name for logs. */
    String name();

    /** What {@link #hold} returns: ends the holding; idempotent, never throws. */
    interface Hold extends AutoCloseable {

        /** For locks that hold by themselves as long as the poll's connection does. */
        Hold NONE = () -> { };

        @Override
        void close();
    }
}
