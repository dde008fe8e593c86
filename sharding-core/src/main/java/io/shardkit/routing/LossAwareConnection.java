package io.shardkit.routing;

import io.shardkit.Shard;
import io.shardkit.ShardPoolState;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ConnectionLoss;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.jspecify.annotations.NullUnmarked;

/**
 * A shard's connection that turns a lost connection into {@link ShardUnavailableException} and makes sure the
 * pool drops it. Every call that talks to the server about the transaction (auto-commit, commit, rollback,
 * savepoints, isolation, read-only) and, through {@link #failed} / {@link #failedRunning}, every statement of
 * {@link ShardConnection}, maps a driver error that means "connection lost" ({@link ConnectionLoss}) to
 * {@code ShardUnavailableException} naming the shard and its pool's state, with the driver's error as the cause;
 * any other error is rethrown unchanged.
 *
 * <p>Once a connection is found lost, every later error it raises is that loss, and a full {@link #rollback()}
 * returns normally (the server discarded the transaction with the session), so the caller sees the failure that
 * ended its unit of work rather than one from the clean-up.
 *
 * <p>Eviction: shardkit's own pools evict a lost connection when the failing call returns (their HikariCP
 * exception override); for a HikariCP pool of the application's, {@link #close()} evicts it once it is back in
 * the pool. Either way the next caller gets a fresh connection, so a shard costs at most one failure per pooled
 * connection when its server goes away, and none once it is back.
 *
 * <p>It tracks the auto-commit mode set through it, to tell a call that may have been applied (an auto-commit
 * statement or a commit in flight) from one that left nothing committed. Not thread-safe, as JDBC connections
 * are not.
 */
@NullUnmarked // JDBC's nullness is the driver's; these methods pass values through.
abstract class LossAwareConnection extends ForwardingConnection {

    private static final byte AUTO_COMMIT_UNKNOWN = 0;
    private static final byte AUTO_COMMIT_ON = 1;
    private static final byte AUTO_COMMIT_OFF = 2;

    /** The shard this connection belongs to. */
    protected final Shard shard;
    private byte autoCommit = AUTO_COMMIT_UNKNOWN;
    private boolean lost;

    LossAwareConnection(Shard shard, Connection delegate) {
        super(delegate);
        this.shard = shard;
    }

    /**
     * The exception to throw for a failed call that applied nothing (preparing, queueing, transaction control):
     * {@code ex} itself, unless it means the connection is lost, in which case the {@link ShardUnavailableException}
     * is thrown from here.
     */
    final SQLException failed(SQLException ex, String operation) {
        return failed(ex, operation, false);
    }

    /**
     * As {@link #failed(SQLException, String)}, for a statement that ran: lost in auto-commit mode, it may have
     * been applied ({@link ShardUnavailableException#isOutcomeUnknown()}).
     */
    final SQLException failedRunning(SQLException ex, String operation) {
        // Unknown counts as auto-commit, the mode pools hand connections out in.
        return failed(ex, operation, autoCommit != AUTO_COMMIT_OFF);
    }

    private SQLException failed(SQLException ex, String operation, boolean mayHaveApplied) {
        // Once lost, every later error of this connection is that loss (HikariCP answers "connection is closed").
        if (!lost && !ConnectionLoss.isLost(ex)) {
            return ex;
        }
        lost = true;
        throw ShardUnavailableException.connectionLost(shard.name(), operation, ShardPoolState.of(shard.dataSource()),
                mayHaveApplied, ex);
    }

    /**
     * Whether the connection is in auto-commit mode, as last set or read through it; asked of the driver only
     * when nothing was set yet.
     */
    final boolean autoCommitOn() throws SQLException {
        return autoCommit == AUTO_COMMIT_UNKNOWN ? getAutoCommit() : autoCommit == AUTO_COMMIT_ON;
    }

    /** Called when the transaction ends: commit, full rollback, or a change of auto-commit mode. */
    void transactionEnded() {
    }

    /** Whether a transaction is open on this connection (auto-commit off); asked only on the way to an error. */
    final boolean inTransaction() {
        if (autoCommit != AUTO_COMMIT_UNKNOWN) {
            return autoCommit == AUTO_COMMIT_OFF;
        }
        try {
            return !delegate.getAutoCommit();
        } catch (SQLException ex) {
            return false;
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        transactionEnded();
        try {
            delegate.setAutoCommit(autoCommit);
            this.autoCommit = autoCommit ? AUTO_COMMIT_ON : AUTO_COMMIT_OFF;
        } catch (SQLException ex) {
            throw failed(ex, "setAutoCommit");
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        try {
            boolean on = delegate.getAutoCommit();
            autoCommit = on ? AUTO_COMMIT_ON : AUTO_COMMIT_OFF;
            return on;
        } catch (SQLException ex) {
            throw failed(ex, "getAutoCommit");
        }
    }

    @Override
    public void commit() throws SQLException {
        transactionEnded();
        try {
            delegate.commit();
        } catch (SQLException ex) {
            // The commit may have reached the server before the connection broke.
            throw failed(ex, "commit", true);
        }
    }

    /**
     * Rolls the transaction back. On a connection that is lost this returns normally: the server discarded the
     * transaction with the session, and the failure that ended the unit of work (the statement's, or a commit's
     * whose outcome is unknown) is the one the caller must see, not a second one from the rollback.
     */
    @Override
    public void rollback() throws SQLException {
        transactionEnded();
        if (lost) {
            return;
        }
        try {
            delegate.rollback();
        } catch (SQLException ex) {
            if (!ConnectionLoss.isLost(ex)) {
                throw ex;
            }
            lost = true;
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        try {
            delegate.rollback(savepoint);
        } catch (SQLException ex) {
            throw failed(ex, "rollback");
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        try {
            return delegate.setSavepoint();
        } catch (SQLException ex) {
            throw failed(ex, "setSavepoint");
        }
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        try {
            return delegate.setSavepoint(name);
        } catch (SQLException ex) {
            throw failed(ex, "setSavepoint");
        }
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        try {
            delegate.releaseSavepoint(savepoint);
        } catch (SQLException ex) {
            throw failed(ex, "releaseSavepoint");
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        try {
            delegate.setTransactionIsolation(level);
        } catch (SQLException ex) {
            throw failed(ex, "setTransactionIsolation");
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        try {
            delegate.setReadOnly(readOnly);
        } catch (SQLException ex) {
            throw failed(ex, "setReadOnly");
        }
    }

    /**
     * Returns the connection to its pool. Closing a connection found lost never fails (the pool discards it
     * either way); it is then evicted from a HikariCP pool that still holds it.
     */
    @Override
    public void close() throws SQLException {
        try {
            delegate.close();
        } catch (SQLException ex) {
            if (!lost && !ConnectionLoss.isLost(ex)) {
                throw ex;
            }
            lost = true;
        } finally {
            if (lost) {
                ConnectionLoss.evictReturned(shard.dataSource(), delegate);
            }
        }
    }
}
