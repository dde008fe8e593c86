package io.shardkit.spring.boot.actuate;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.shardkit.ConnectionLoss;
import io.shardkit.Shard;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of one shard: UP when its DataSource hands out a connection that passes {@code Connection.isValid}
 * within the timeout and the layout check lets it serve ({@code Shard.refusal()} is empty), DOWN with the reason
 * otherwise (the exception, or "no valid connection within 1000ms").
 * For HikariCP pools the details carry the pool's live state (active, idle, total, waiting), and a connection that
 * failed {@code isValid} is evicted from the pool, so the shard's next caller gets a fresh one rather than the dead
 * one the probe returned (other DataSources simply get the connection back).
 *
 * <p>The probe runs on the given executor so that a shard that hangs costs the health endpoint the timeout, not
 * the pool's full connection timeout; while a timed-out probe is still waiting, later checks wait on it instead of
 * starting another, so a dead shard ties up one thread at most.
 *
 * <p>Thread-safe.
 */
public final class ShardHealthIndicator implements HealthIndicator {

    private final Shard shard;
    private final Duration timeout;
    private final Executor executor;
    private final AtomicReference<CompletableFuture<Health>> inFlight = new AtomicReference<>();

    /**
     * @param shard    the shard to probe
     * @param timeout  longest a check waits for a valid connection
     * @param executor runs the probes
     */
    public ShardHealthIndicator(Shard shard, Duration timeout, Executor executor) {
        this.shard = Objects.requireNonNull(shard, "shard");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public Health health() {
        CompletableFuture<Health> probe = probe();
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            return down().withDetail("error", "no valid connection within " + timeout.toMillis() + "ms").build();
        } catch (ExecutionException ex) {
            return down().withException(ex.getCause() == null ? ex : ex.getCause()).build();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return down().withDetail("error", "interrupted while probing").build();
        }
    }

    /** The probe in flight, or a new one when none is. */
    private CompletableFuture<Health> probe() {
        CompletableFuture<Health> running = inFlight.get();
        if (running != null && !running.isDone()) {
            return running;
        }
        CompletableFuture<Health> next = CompletableFuture.supplyAsync(this::check, executor);
        inFlight.set(next);
        return next;
    }

    private Health check() {
        Connection invalid;
        // The raw pool: the probe reports the database and, apart, whether the layout check lets the shard serve.
        try (Connection connection = shard.rawDataSource().getConnection()) {
            int seconds = (int) Math.max(1, timeout.toSeconds());
            if (connection.isValid(seconds)) {
                String refused = shard.refusal().orElse(null);
                Health.Builder health = refused == null ? Health.up() : down().withDetail("layout", refused);
                return withPool(health.withDetail("shard", shard.name()).withDetail("index", shard.index())
                        .withDetail("database", connection.getMetaData().getDatabaseProductName())).build();
            }
            invalid = connection;
        } catch (SQLException | RuntimeException ex) {
            return down().withException(ex).build();
        }
        // Evicted after it was returned, so the shard's next caller is not handed it (see ConnectionLoss).
        boolean evicted = ConnectionLoss.evictReturned(shard.rawDataSource(), invalid);
        return down().withDetail("error", "the connection failed Connection.isValid"
                + (evicted ? "; evicted it from the pool" : "")).build();
    }

    private Health.Builder down() {
        return withPool(Health.down().withDetail("shard", shard.name()).withDetail("index", shard.index()));
    }

    private Health.Builder withPool(Health.Builder builder) {
        if (shard.rawDataSource() instanceof HikariDataSource hikari) {
            HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
            if (pool != null) {
                builder.withDetail("active", pool.getActiveConnections())
                        .withDetail("idle", pool.getIdleConnections())
                        .withDetail("total", pool.getTotalConnections())
                        .withDetail("waiting", pool.getThreadsAwaitingConnection());
            }
        }
        return builder;
    }
}
