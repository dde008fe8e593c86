package io.shardkit.outbox.internal;

import io.shardkit.Shard;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.outbox.OutboxPollResult;
import io.shardkit.outbox.OutboxPollResult.Status;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxShardStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one shard's outbox: claim the head, publish it, mark it. Not API; {@code OutboxRelay} drives one per
 * shard.
 *
 * <p>Thread-safe: polls of one shard are serialized by a lock, so this relay never publishes two batches of a
 * shard at once; counters are read without the lock. Failures never escape {@link #poll()}: they come back as
 * {@link Status#FAILED}, are logged at WARN when the shard's state changes (healthy, database failing,
 * publisher failing) and at DEBUG otherwise, and count towards the back-off.
 */
public final class ShardPoller {

    private static final Logger log = LoggerFactory.getLogger(ShardPoller.class);

    /** While a backlog drains in full batches, how often its pending events are counted at most. */
    static final Duration COUNT_INTERVAL = Duration.ofSeconds(5);

    /** What last went wrong on this shard; a WARN is logged only when this changes. */
    private enum Trouble { NONE, DATABASE, PUBLISHER }

    private final Shard shard;
    private final OutboxPublisher publisher;
    private final OutboxRelayConfig config;
    private final ShardingMetrics metrics;
    private final Clock clock;
    private final OutboxSql sql;
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable ClaimStrategy strategy;

    // Written only under the lock; volatile so that stats() reads them without it.
    private volatile long published;
    private volatile long failedPolls;
    private volatile long outages;
    private volatile int consecutiveFailures;
    private volatile long pending = -1;
    private long pendingCountedAt;
    private final long countIntervalNanos;
    private volatile Trouble trouble = Trouble.NONE;
    private volatile @Nullable String lastFailure;
    /**
     * Set by a database failure, cleared once the shard's pool holds connections again: until then polls take
     * validated or own connections ({@link RelayConnections}), also after one such poll has succeeded, or the next
     * poll would wait on the still empty pool and count a second outage.
     */
    private boolean poolRecovering;

    public ShardPoller(Shard shard, OutboxPublisher publisher, OutboxRelayConfig config, ShardingMetrics metrics,
                       Clock clock) {
        this.shard = shard;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.sql = new OutboxSql(config.table());
        this.countIntervalNanos = Math.max(COUNT_INTERVAL.toNanos(), config.pollInterval().toNanos());
    }

    public String shard() {
        return shard.name();
    }

    /** One poll: at most one batch published. Waits while another thread polls this shard. */
    public OutboxPollResult poll() {
        lock.lock();
        try {
            Connection connection = RelayConnections.borrow(shard.dataSource(), poolRecovering);
            try {
                return pollOn(connection);
            } catch (SQLException ex) {
                RelayConnections.evict(shard.dataSource(), connection);
                return failed(Trouble.DATABASE, ex);
            } finally {
                connection.close();
            }
        } catch (SQLException | RuntimeException ex) {
            return failed(Trouble.DATABASE, ex);
        } finally {
            lock.unlock();
        }
    }

    private OutboxPollResult pollOn(Connection connection) throws SQLException {
        int isolation = RelayTransactions.begin(connection);
        try {
            ClaimStrategy claims = strategy(connection);
            Claim claim = claims.claim(connection, shard.name(), config.batchSize(), clock.instant());
            if (!claim.claimed()) {
                measurePending(connection, claim.busy() ? -1 : 0);
                return succeeded(claim.busy() ? Status.BUSY : Status.IDLE, 0);
            }
            return publishAndSettle(connection, claims, claim);
        } finally {
            RelayTransactions.end(connection, isolation);
        }
    }

    private OutboxPollResult publishAndSettle(Connection connection, ClaimStrategy claims, Claim claim)
            throws SQLException {
        Exception refusal;
        try (ClaimStrategy.Hold hold = claims.hold(shard.dataSource(), shard.name(), claim, clock)) {
            refusal = publish(claim);
        }
        // A publisher that returns after an interrupt (the relay was stopped while a write it could not abandon
        // ran on) still gets its batch settled: the interrupt waits until the marks are committed.
        boolean interrupted = Thread.interrupted();
        try {
            if (refusal != null) {
                claims.refuse(connection, claim);
                remeasurePending(connection);
                return failed(Trouble.PUBLISHER, refusal);
            }
            if (!claims.confirm(connection, claim, clock.instant())) {
                log.warn("shardkit: outbox of shard '{}': a batch of {} events was confirmed after its {} claim "
                        + "was lost; another relay may publish them again", shard.name(), claim.records().size(),
                        claims.name());
            }
            published += claim.records().size();
            metrics.outboxPublished(shard.name(), claim.records().size());
            countAfterPublish(connection, claim.records().size());
            return succeeded(Status.PUBLISHED, claim.records().size());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private @Nullable Exception publish(Claim claim) {
        try {
            publisher.publish(claim.records());
            return null;
        } catch (Exception ex) {
            // An InterruptedException too: refusing the batch still needs the database, so the interrupt is
            // restored only once the poll is done (in failed()).
            return ex;
        }
    }

    private ClaimStrategy strategy(Connection connection) throws SQLException {
        ClaimStrategy s = strategy;
        if (s == null) {
            // Resolved on first contact, not at start-up: a shard may be down when the relay starts.
            s = ClaimStrategies.forDatabase(connection.getMetaData(), config);
            strategy = s;
            log.info("shardkit: outbox of shard '{}' claims with {}", shard.name(), s.name());
        }
        return s;
    }

    /**
     * After a published batch. While a backlog drains in full batches, counting the pending rows after each one
     * cost a fifth of the relay's time (a scan of the whole backlog's index entries per batch); the count is then
     * taken at most every {@link #COUNT_INTERVAL} (or poll interval, if longer), and brought down by what was
     * published in between. A batch that was not full ends the drain and is always counted.
     */
    private void countAfterPublish(Connection connection, int published) throws SQLException {
        if (published == config.batchSize() && pending >= 0
                && System.nanoTime() - pendingCountedAt < countIntervalNanos) {
            long estimate = Math.max(0, pending - published);
            pending = estimate;
            metrics.outboxPending(shard.name(), estimate);
            return;
        }
        measurePending(connection, -1);
    }

    private void measurePending(Connection connection, long known) throws SQLException {
        long count = known;
        if (count < 0) {
            pendingCountedAt = System.nanoTime();
            try (PreparedStatement ps = connection.prepareStatement(sql.countPending());
                 ResultSet rs = ps.executeQuery()) {
                count = rs.next() ? rs.getLong(1) : 0;
            }
            connection.commit();
        }
        pending = count;
        metrics.outboxPending(shard.name(), count);
    }

    /**
     * After a refused batch: the database answered, so the count is measured again, or health would show the
     * backlog of the last good poll while the broker refuses and events pile up. A failure here is the
     * publisher's poll still; the count then stays as last measured.
     */
    private void remeasurePending(Connection connection) {
        try {
            measurePending(connection, -1);
        } catch (SQLException ex) {
            log.debug("shardkit: outbox of shard '{}': could not count pending events", shard.name(), ex);
        }
    }

    private OutboxPollResult succeeded(Status status, int count) {
        if (poolRecovering && RelayConnections.poolHoldsConnections(shard.dataSource())) {
            poolRecovering = false;
        }
        if (trouble != Trouble.NONE) {
            log.info("shardkit: outbox of shard '{}' recovered after {} failed polls", shard.name(),
                    consecutiveFailures);
            trouble = Trouble.NONE;
        }
        consecutiveFailures = 0;
        return new OutboxPollResult(shard.name(), status, count, null);
    }

    private OutboxPollResult failed(Trouble kind, Exception ex) {
        if (kind == Trouble.DATABASE) {
            poolRecovering = true;
        }
        consecutiveFailures++;
        failedPolls++;
        String message = (kind == Trouble.PUBLISHER ? "publisher refused a batch: " : "database failed: ") + ex;
        lastFailure = message;
        metrics.outboxPublishFailed(shard.name(), ex.getClass());
        if (trouble != kind) {
            if (trouble == Trouble.NONE) {
                outages++;
            }
            trouble = kind;
            log.warn("shardkit: outbox of shard '{}' is failing, {}; retrying {}", shard.name(), message,
                    kind == Trouble.DATABASE ? "at least every " + config.pollInterval().toMillis() + "ms"
                            : "with back-off up to " + config.maxBackoff().toMillis() + "ms", ex);
        } else {
            log.debug("shardkit: outbox of shard '{}' still failing ({} in a row): {}", shard.name(),
                    consecutiveFailures, message);
        }
        if (ex instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new OutboxPollResult(shard.name(), Status.FAILED, 0, message);
    }

    /** How long to wait before polling this shard again after {@code result}. */
    public Duration nextDelay(OutboxPollResult result) {
        return switch (result.status()) {
            case PUBLISHED -> result.published() < config.batchSize() ? config.pollInterval() : Duration.ZERO;
            case IDLE, BUSY -> config.pollInterval();
            // A database that failed is tried again at least every poll interval: each try is one connection
            // attempt (bounded by the pool's connection timeout), and the shard must resume within one interval
            // of the database answering again, not after a back-off that grew while it was down.
            case FAILED -> trouble == Trouble.DATABASE
                    ? min(config.backoffAfter(consecutiveFailures), config.pollInterval())
                    : config.backoffAfter(consecutiveFailures);
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Waits until no poll of this shard is running; false when {@code timeoutNanos} passed first. */
    public boolean awaitIdle(long timeoutNanos) throws InterruptedException {
        if (!lock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        lock.unlock();
        return true;
    }

    public OutboxShardStats stats() {
        return new OutboxShardStats(shard.name(), published, failedPolls, consecutiveFailures, pending,
                trouble == Trouble.NONE, outages, lastFailure);
    }
}
