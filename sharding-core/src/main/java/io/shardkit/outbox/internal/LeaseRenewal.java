package io.shardkit.outbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews one lease claim every third of the lease duration while its batch is being published, on a connection
 * of its own, until {@link #close()}. The renewals run on one daemon thread shared by every relay of the JVM,
 * which ends itself when no lease is held: they must go on after the relay that started them was stopped, as long
 * as a publish it could not interrupt still runs, so they cannot live on the relay's scheduler.
 *
 * <p>A renewal that finds the lease taken by someone else (it expired because renewals could not reach the
 * database in time) stops and says so once at WARN; the relay learns it again when it confirms the batch.
 *
 * <p>Thread-safe.
 */
final class LeaseRenewal implements ClaimStrategy.Hold {

    private static final Logger log = LoggerFactory.getLogger(LeaseRenewal.class);
    private static final ScheduledThreadPoolExecutor RENEWALS = renewals();

    private final DataSource dataSource;
    private final String shard;
    private final OutboxSql sql;
    private final String token;
    private final Duration lease;
    private final Clock clock;
    private @Nullable ScheduledFuture<?> schedule;
    private boolean closed;

    private LeaseRenewal(DataSource dataSource, String shard, OutboxSql sql, String token, Duration lease,
                         Clock clock) {
        this.dataSource = dataSource;
        this.shard = shard;
        this.sql = sql;
        this.token = token;
        this.lease = lease;
        this.clock = clock;
    }

    static LeaseRenewal start(DataSource dataSource, String shard, OutboxSql sql, String token, Duration lease,
                              Clock clock) {
        LeaseRenewal renewal = new LeaseRenewal(dataSource, shard, sql, token, lease, clock);
        long period = Math.max(1, lease.toNanos() / 3);
        synchronized (renewal) {
            renewal.schedule = RENEWALS.scheduleWithFixedDelay(renewal::renew, period, period, TimeUnit.NANOSECONDS);
        }
        return renewal;
    }

    private void renew() {
        if (isClosed()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql.renewLease())) {
            ps.setTimestamp(1, Timestamp.from(clock.instant().plus(lease)));
            ps.setString(2, token);
            int renewed = ps.executeUpdate();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (renewed == 0 && !isClosed()) {
                log.warn("shardkit: outbox of shard '{}': the lease of a batch being published was lost (it expired "
                        + "before it could be renewed); another relay may publish the same events again", shard);
                close();
            }
        } catch (SQLException | RuntimeException ex) {
            // The next renewal tries again; the lease still holds for the rest of its duration.
            log.debug("shardkit: outbox of shard '{}': could not renew the lease", shard, ex);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    private static ScheduledThreadPoolExecutor renewals() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "shardkit-outbox-lease");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
