package io.shardkit;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Which driver errors mean "this connection is lost" (the server went away, closed the session or is shutting
 * down), as opposed to an error of the statement itself (bad SQL, a constraint, a lock timeout). A lost
 * connection never works again: it is evicted from its pool and its caller sees the shard as unavailable.
 *
 * <p>The error, its {@link SQLException#getNextException() next exceptions} and its causes (at most
 * {@value #MAX_DEPTH} of each) count as lost when one of them is:
 * <ul>
 *   <li>a {@link SQLNonTransientConnectionException}, {@link SQLTransientConnectionException} or
 *       {@link SQLRecoverableException} (JDBC's own connection classes; H2 2.x and MariaDB use them);</li>
 *   <li>of SQLSTATE class {@code 08} (SQL standard "connection exception"; PostgreSQL's {@code 08006} when the
 *       server dies, MariaDB's {@code 08S01} / {@code 08000});</li>
 *   <li>PostgreSQL's {@code 57P01} (admin shutdown), {@code 57P02} (crash shutdown), {@code 57P03} (cannot connect
 *       now) or {@code 57P05} (idle session timeout);</li>
 *   <li>H2's {@code 90067} (connection broken), {@code 90098} (database closed) or {@code 90121} (database closed
 *       at shutdown), which H2 reports as their SQLSTATE;</li>
 *   <li>MariaDB's error {@code 1927} (connection killed, SQLSTATE {@code 70100}).</li>
 * </ul>
 * A statement timeout ({@code SQLTimeoutException}) is not a lost connection.
 *
 * <p>shardkit's own pools and the routing DataSource's connections use it; it is public so that code of an
 * application's own (a retry policy, a pool of its own) can classify driver errors the same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConnectionLoss {

    /** How deep the next-exception and cause chains are followed; drivers nest one or two levels. */
    static final int MAX_DEPTH = 10;

    private static final Set<String> LOST_STATES = Set.of(
            "57P01", "57P02", "57P03", "57P05",     // PostgreSQL: the server ended or refuses the session
            "90067", "90098", "90121");             // H2: connection broken, database closed (at shutdown)
    private static final int MARIADB_CONNECTION_KILLED = 1927;
    private static final String MARIADB_KILLED_STATE = "70100";

    private static final SQLExceptionOverride HIKARI_OVERRIDE = new EvictLost();

    private ConnectionLoss() {
    }

    /** Whether {@code ex} says the connection it came from is lost (see the class comment). */
    public static boolean isLost(Throwable ex) {
        Throwable cause = ex;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isLostChain(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLostChain(SQLException ex) {
        SQLException next = ex;
        for (int depth = 0; next != null && depth < MAX_DEPTH; depth++, next = next.getNextException()) {
            if (isLostOne(next)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLostOne(SQLException ex) {
        if (ex instanceof SQLNonTransientConnectionException || ex instanceof SQLTransientConnectionException
                || ex instanceof SQLRecoverableException) {
            return true;
        }
        String state = ex.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") || LOST_STATES.contains(state)
                || ex.getErrorCode() == MARIADB_CONNECTION_KILLED && MARIADB_KILLED_STATE.equals(state);
    }

    /**
     * A HikariCP exception override that evicts a connection at once when a statement on it fails with a lost
     * connection (HikariCP alone evicts on SQLSTATE {@code 08} and {@code 57P0x} only, so H2's broken sessions and
     * MariaDB's killed connections would stay pooled and fail every later borrower), and otherwise leaves the
     * decision to HikariCP.
     */
    public static SQLExceptionOverride hikariOverride() {
        return HIKARI_OVERRIDE;
    }

    /**
     * Evicts {@code connection}, already returned to its pool, from {@code pool} when that is a HikariCP pool, so
     * that no later caller is handed it. For pools that {@link #hikariOverride()} does not serve (pools the
     * application built itself): HikariCP then closes it at once unless another thread borrowed it in between,
     * in which case it is closed when that thread returns it. Evicting a connection still in hand and closing it
     * afterwards would make HikariCP remove it twice and log a warning; evicting one HikariCP has already dropped
     * does nothing.
     *
     * @return whether the pool is a HikariCP pool that took the eviction
     */
    public static boolean evictReturned(DataSource pool, Connection connection) {
        HikariDataSource hikari = hikari(pool);
        if (hikari == null) {
            return false;
        }
        hikari.evictConnection(connection);
        return true;
    }

    /** Evicts on a lost connection; CONTINUE_EVICT keeps HikariCP's own rules for everything else. */
    private static final class EvictLost implements SQLExceptionOverride {
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException ex) {
            return isLost(ex) ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    /** {@code pool} as a HikariCP pool, or {@code null} when it is none. */
    public static @Nullable HikariDataSource hikari(DataSource pool) {
        if (pool instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            return pool.isWrapperFor(HikariDataSource.class) ? pool.unwrap(HikariDataSource.class) : null;
        } catch (SQLException ex) {
            return null;
        }
    }
}
