package io.shardkit;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * A shard could not serve a call: it could not hand out a connection (down, unreachable, or its pool exhausted
 * within the connection timeout), or the connection a call was using was lost (the server went away, ended the
 * session or is shutting down). Fails only the callers routed to that shard; the shard's pool has dropped the
 * lost connection, so the shard recovers by itself once its server is back.
 *
 * <p>{@link #getPoolState()} is the pool's state when the failure happened (for HikariCP pools).
 * {@link #isOutcomeUnknown()} says whether the failed call may have been applied all the same: only a statement
 * running in auto-commit mode, or a commit, whose connection broke before the answer came back; a call that got
 * no connection, or whose open transaction broke before its commit, left nothing committed.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardUnavailableException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable ShardPoolState poolState;
    private final boolean outcomeUnknown;

    public ShardUnavailableException(String shard, String detail, @Nullable Throwable cause) {
        this("Shard '" + shard + "' is unavailable: " + detail, shard, null, false, cause);
    }

    private ShardUnavailableException(String message, String shard, @Nullable ShardPoolState poolState,
                                      boolean outcomeUnknown, @Nullable Throwable cause) {
        super(message, null, null, shard, cause);
        this.poolState = poolState;
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * The pool handed out no connection: {@code Shard 'shard-1' is unavailable: could not get a connection
     * (total=0, active=0, idle=0, waiting=1): <the pool's message>}. Nothing reached the shard.
     *
     * @param pool the pool's state now, or {@code null} when the shard's DataSource is not a HikariCP pool
     */
    public static ShardUnavailableException noConnection(String shard, @Nullable ShardPoolState pool,
                                                         SQLException cause) {
        return new ShardUnavailableException("Shard '" + shard + "' is unavailable: could not get a connection"
                + poolSuffix(pool) + ": " + cause.getMessage(), shard, pool, false, cause);
    }

    /**
     * The connection broke during a call: {@code Shard 'shard-1' is unavailable: its connection was lost during
     * executeUpdate [SQLSTATE 08006, error 0] and evicted from the pool (total=3, active=1, idle=2, waiting=0);
     * the call may have been applied: <the driver's message>}.
     *
     * @param operation      the JDBC call that failed, e.g. {@code executeUpdate}
     * @param pool           the pool's state after the eviction, or {@code null} when it is not a HikariCP pool
     * @param outcomeUnknown whether the call may have been applied (auto-commit statement or commit in flight)
     */
    public static ShardUnavailableException connectionLost(String shard, String operation,
                                                           @Nullable ShardPoolState pool, boolean outcomeUnknown,
                                                           SQLException cause) {
        return new ShardUnavailableException("Shard '" + shard + "' is unavailable: its connection was lost during "
                + operation + " [SQLSTATE " + cause.getSQLState() + ", error " + cause.getErrorCode() + "]"
                + (pool == null ? "" : " and evicted from the pool" + poolSuffix(pool))
                + (outcomeUnknown ? "; the call may have been applied" : "; nothing of the call was committed")
                + ": " + cause.getMessage(), shard, pool, outcomeUnknown, cause);
    }

    private static String poolSuffix(@Nullable ShardPoolState pool) {
        return pool == null ? "" : " (" + pool + ")";
    }

    /** The state of the shard's pool when this was raised, or {@code null} when not known (not a HikariCP pool). */
    public @Nullable ShardPoolState getPoolState() {
        return poolState;
    }

    /**
     * Whether the failed call may have been applied: {@code true} only when the connection broke while a
     * statement ran in auto-commit mode or a commit was in flight. Retry such a call only if it is idempotent.
     */
    public boolean isOutcomeUnknown() {
        return outcomeUnknown;
    }
}
