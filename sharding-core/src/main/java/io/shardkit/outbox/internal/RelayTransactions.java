package io.shardkit.outbox.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a relay poll uses its connection: manual commit at READ COMMITTED, and the connection handed back to the
 * pool as it came (auto-commit on, the pool's isolation level).
 *
 * <p>Why READ COMMITTED: under MySQL/MariaDB's default REPEATABLE READ, InnoDB takes next-key (gap) locks on the
 * rows and index ranges an UPDATE scans. Writers append their events at the end of the outbox's pending range,
 * exactly where the relay marks the batch it just published; a relay holding such a gap lock while it waits for
 * a writer's fresh row made writers' INSERTs deadlock victims (error 1213). At READ COMMITTED InnoDB takes no
 * gap locks for searches and skips rows it does not update, so the relay never blocks a writer. The relay needs
 * no more: the shard's lock row already serializes relays, and its reads are plain, non-locking reads. The level
 * is set on every database that has it (PostgreSQL's and H2's default anyway), so that a pool configured at
 * SERIALIZABLE does not make the relay a source of serialization failures either.
 *
 * <p>Stateless, thread-safe.
 */
final class RelayTransactions {

    private static final Logger log = LoggerFactory.getLogger(RelayTransactions.class);

    private RelayTransactions() {
    }

    /**
     * Switches {@code connection} to manual commit at READ COMMITTED (where the database has that level) and
     * returns the isolation level to restore with {@link #end}.
     */
    static int begin(Connection connection) throws SQLException {
        int previous = connection.getTransactionIsolation();
        // Before auto-commit goes off: some drivers refuse to change the level inside a transaction.
        if (previous != Connection.TRANSACTION_READ_COMMITTED
                && connection.getMetaData().supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED)) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        connection.setAutoCommit(false);
        return previous;
    }

    /**
     * Rolls back whatever the poll left open and restores auto-commit and the {@code previous} isolation level.
     * Quiet: on a connection that already failed, the pool discards it anyway.
     */
    static void end(Connection connection, int previous) {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            if (previous != Connection.TRANSACTION_NONE && connection.getTransactionIsolation() != previous) {
                connection.setTransactionIsolation(previous);
            }
            connection.setAutoCommit(true);
        } catch (SQLException ex) {
            log.debug("shardkit: outbox relay could not reset a failing connection", ex);
        }
    }
}
