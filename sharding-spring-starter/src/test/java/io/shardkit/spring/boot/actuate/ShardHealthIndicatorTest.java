package io.shardkit.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.Shard;
import io.shardkit.testing.H2ShardFixtures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A connection that fails {@code Connection.isValid} in the health probe is evicted from the shard's HikariCP pool
 * (closed, not handed to the next caller), and the shard reports DOWN with that reason.
 */
class ShardHealthIndicatorTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final AtomicBoolean valid = new AtomicBoolean(true);
    private final List<Tracked> connections = new CopyOnWriteArrayList<>();
    private final HikariDataSource pool = pool();

    @AfterEach
    void close() {
        pool.close();
        executor.shutdownNow();
    }

    @Test
    void aConnectionFailingIsValidIsEvictedAndTheNextCallerGetsAFreshOne() throws SQLException {
        ShardHealthIndicator health = new ShardHealthIndicator(new Shard("flaky", 0, pool), Duration.ofSeconds(5),
                executor);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        valid.set(false);
        Health down = health.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("shard", "flaky")
                .containsEntry("error", "the connection failed Connection.isValid; evicted it from the pool");
        assertThat(connections).as("the probe was handed a connection that failed isValid")
                .anyMatch(Tracked::failedIsValid);
        await("every connection that failed isValid is closed").atMost(Duration.ofSeconds(10))
                .until(() -> connections.stream().filter(Tracked::failedIsValid).allMatch(Tracked::closed));

        valid.set(true);
        try (Connection next = pool.getConnection()) {
            Tracked handedOut = tracked(next.unwrap(Connection.class));
            assertThat(handedOut.failedIsValid()).as("the next caller's connection never failed isValid").isFalse();
            assertThat(handedOut.closed()).isFalse();
        }
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aDataSourceOtherThanHikariIsReportedDownWithoutEviction() {
        ShardHealthIndicator health = new ShardHealthIndicator(new Shard("plain", 0, new TogglingDataSource(h2())),
                Duration.ofSeconds(5), executor);
        valid.set(false);
        assertThat(health.health().getDetails()).containsEntry("error", "the connection failed Connection.isValid");
    }

    private HikariDataSource pool() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("flaky-" + UUID.randomUUID());
        config.setDataSource(new TogglingDataSource(h2()));
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }

    private static DataSource h2() {
        return H2ShardFixtures.dataSource("health");
    }

    private Tracked tracked(Connection proxy) {
        return connections.stream().filter(t -> t.proxy == proxy).findFirst().orElseThrow();
    }

    /** A real H2 connection whose {@code isValid} answers as {@link #valid} says; records what it answered. */
    private final class Tracked {
        private final Connection real;
        private final AtomicBoolean failedIsValid = new AtomicBoolean();
        private final Connection proxy;

        Tracked(Connection real) {
            this.real = real;
            this.proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (self, method, args) -> {
                        switch (method.getName()) {
                            case "equals" -> {
                                return self == args[0];
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(self);
                            }
                            default -> {
                                // delegated below
                            }
                        }
                        if (method.getName().equals("isValid")) {
                            boolean answer = valid.get() && real.isValid((Integer) args[0]);
                            failedIsValid.compareAndSet(false, !answer);
                            return answer;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
        }

        boolean failedIsValid() {
            return failedIsValid.get();
        }

        boolean closed() {
            try {
                return real.isClosed();
            } catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Hands out {@link Tracked} connections of an H2 DataSource. */
    private final class TogglingDataSource extends DelegatingDataSource {

        TogglingDataSource(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            Tracked tracked = new Tracked(obtainTargetDataSource().getConnection());
            connections.add(tracked);
            return tracked.proxy;
        }
    }
}
