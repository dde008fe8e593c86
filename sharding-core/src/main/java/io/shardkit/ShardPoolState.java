package io.shardkit;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a shard's connection pool at one moment, as HikariCP reports it: connections in the pool
 * ({@code total}), handed out ({@code active}), waiting in the pool ({@code idle}), and threads waiting for one
 * ({@code waiting}). {@link ShardUnavailableException} carries the state of the failing shard's pool, so that a
 * log line tells an exhausted pool ({@code active == total}, {@code waiting > 0}) from a dead server
 * ({@code total == 0}).
 *
 * <p>Immutable and thread-safe. The four counts are read one after another, not atomically, so under load they
 * may not add up exactly.
 *
 * @param total   connections the pool holds
 * @param active  connections in use
 * @param idle    connections ready to be handed out
 * @param waiting threads waiting for a connection
 */
public record ShardPoolState(int total, int active, int idle, int waiting) {

    /**
     * The state of {@code dataSource}'s pool now, or {@code null} when it is not a HikariCP pool (or not started).
     */
    public static @Nullable ShardPoolState of(DataSource dataSource) {
        HikariDataSource hikari = ConnectionLoss.hikari(dataSource);
        HikariPoolMXBean pool = hikari == null ? null : hikari.getHikariPoolMXBean();
        if (pool == null) {
            return null;
        }
        return new ShardPoolState(pool.getTotalConnections(), pool.getActiveConnections(),
                pool.getIdleConnections(), pool.getThreadsAwaitingConnection());
    }

    /** {@code total=2, active=1, idle=1, waiting=0}, as HikariCP words it. */
    @Override
    public String toString() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting;
    }
}
