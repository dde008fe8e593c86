package io.shardkit.outbox.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.shardkit.ConnectionLoss;
import io.shardkit.ShardPoolConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a relay poll gets its connection from the shard's pool, and what happens to one that failed. A pool keeps
 * the connections it had when the database went away; a driver error such as H2's "session closed" is not one
 * HikariCP recognises as fatal, so it would hand the same dead connections out again after the server is back,
 * and the relay would fail on each of them in turn. Hence: a connection a poll failed on is evicted from the pool,
 * and after a database failure each connection is validated before a poll uses it, dead ones evicted and the
 * next taken, so that the first poll after recovery succeeds. While the pool holds no connection at all after an
 * outage, a poll opens one of its own with the pool's settings (closed after the poll), rather than wait for the
 * pool's reconnect back-off. The healthy path pays nothing.
 *
 * <p>Stateless, thread-safe.
 */
final class RelayConnections {

    private static final Logger log = LoggerFactory.getLogger(RelayConnections.class);
    /** Dead connections evicted in one borrow at most; a pool rarely holds more, and the loop must end. */
    private static final int MAX_EVICTIONS = 32;
    private static final int VALIDATION_SECONDS = (int) ShardPoolConfig.DEFAULT_VALIDATION_TIMEOUT.toSeconds();

    private RelayConnections() {
    }

    /**
     * A connection for one poll; after a database failure validated (dead ones evicted), or, while the shard's
     * HikariCP pool is still empty from the outage, one of the relay's own opened with the pool's settings:
     * HikariCP waits up to 5 s between its attempts to reconnect, and the relay must not wait that long.
     */
    static Connection borrow(DataSource dataSource, boolean afterDatabaseFailure) throws SQLException {
        if (afterDatabaseFailure) {
            Connection own = ownWhilePoolIsEmpty(dataSource);
            if (own != null) {
                return own;
            }
        }
        Connection connection = dataSource.getConnection();
        for (int evicted = 0; afterDatabaseFailure && evicted < MAX_EVICTIONS; evicted++) {
            if (isValid(connection)) {
                return connection;
            }
            evict(dataSource, connection);
            connection = dataSource.getConnection();
        }
        return connection;
    }

    /** Whether the shard's pool holds at least one connection again (always, where it is not a HikariCP pool). */
    static boolean poolHoldsConnections(DataSource dataSource) {
        try {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                return true;
            }
            HikariPoolMXBean state = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
            return state == null || state.getTotalConnections() > 0;
        } catch (SQLException ex) {
            return true;
        }
    }

    private static @Nullable Connection ownWhilePoolIsEmpty(DataSource dataSource) throws SQLException {
        if (!dataSource.isWrapperFor(HikariDataSource.class) || poolHoldsConnections(dataSource)) {
            return null;
        }
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        if (pool.getJdbcUrl() == null) {
            return null;
        }
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    /** Removes {@code connection} from its pool (HikariCP), or closes it where the pool is not known. */
    static void evict(DataSource dataSource, Connection connection) {
        try {
            connection.close();
            ConnectionLoss.evictReturned(dataSource, connection);
        } catch (SQLException | RuntimeException ex) {
            log.debug("shardkit: outbox relay could not discard a failed connection", ex);
        }
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(VALIDATION_SECONDS);
        } catch (SQLException ex) {
            return false;
        }
    }
}
