package io.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardUnavailableException;
import io.shardkit.testing.H2TcpServer;
import io.shardkit.testing.OutagePhases;
import io.shardkit.testing.PacedCalls;
import io.shardkit.testing.PacedCalls.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shard whose database server (H2 over TCP) stops and starts again while a call reaches it every few
 * milliseconds through the routing DataSource: its callers see {@link ShardUnavailableException} only, naming
 * the shard and its pool, never a raw driver error; each pooled connection the server killed fails one call at
 * most and is evicted; once the server is back, traffic recovers by itself without a pause.
 */
class H2ShardOutageIT {

    private static final int POOL_SIZE = 2;
    private static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(500);
    /** Far above the connection timeout, far below HikariCP's 30 s default: what "fast" means here. */
    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(5);
    private static final Duration PAUSE = Duration.ofMillis(5);

    private final H2TcpServer server = H2TcpServer.start("outage");
    private final ShardRegistry registry = ShardRegistry.builder()
            .shard("flaky", ShardPoolConfig.custom().url(server.url("flaky")).username("sa")
                    .maximumPoolSize(POOL_SIZE).minimumIdle(POOL_SIZE).connectionTimeout(CONNECTION_TIMEOUT).build())
            .build();
    private final Shard flaky = registry.shard("flaky");
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();
    private final AtomicLong ids = new AtomicLong();

    @AfterEach
    void stop() {
        registry.close();
        server.close();
    }

    @Test
    @Timeout(120)
    void duringAndAfterTheOutageCallersSeeOnlyTheTypedFailureAndTrafficRecoversByItself() throws Exception {
        createOrdersTable();
        long stopped;
        long restarted;
        try (PacedCalls calls = PacedCalls.start("flaky-client", POOL_SIZE, PAUSE, Duration.ofSeconds(90),
                this::insertOne)) {
            await("warm-up").atMost(Duration.ofSeconds(20)).until(() -> calls.successesSince(0) >= 50);
            stopped = System.nanoTime();
            server.stop();
            await("typed failures while down").atMost(Duration.ofSeconds(20))
                    .until(() -> calls.failuresSince(stopped) >= 8);
            restarted = System.nanoTime();
            server.start();
            await("traffic recovers").atMost(Duration.ofSeconds(30))
                    .until(() -> calls.successesSince(restarted) >= 100);
            OutagePhases phases = OutagePhases.of(calls, stopped, restarted);
            System.out.println("H2 shard outage, calls per outcome: " + phases);
            for (Outcome failure : phases.failuresSinceTheStop()) {
                assertTyped(failure);
            }
            assertThat(phases.lostConnections())
                    .as("calls that hit a connection the server had killed: one per pooled connection at most")
                    .isLessThanOrEqualTo(POOL_SIZE);
            assertThat(phases.failuresAfterReconnect())
                    .as("failures once the pool had reconnected: calls already waiting for a connection then")
                    .isLessThanOrEqualTo(POOL_SIZE);
        }
    }

    @Test
    @Timeout(60)
    void aTransactionWhoseServerGoesAwayFailsTypedNothingCommittedAndRollsBackQuietly() throws Exception {
        createOrdersTable();
        try (ShardScope ignored = ShardContext.bind(flaky); Connection c = routing.getConnection()) {
            c.setAutoCommit(false);
            insert(c, 1);
            server.stop();
            assertThatThrownBy(() -> insert(c, 2)).isInstanceOfSatisfying(ShardUnavailableException.class, ex -> {
                assertThat(ex.isOutcomeUnknown()).as("in a transaction: nothing was committed").isFalse();
                assertThat(ex).hasMessageContaining("nothing of the call was committed");
            });
            assertThatThrownBy(() -> insert(c, 3)).as("every later call on it: the same loss")
                    .isInstanceOf(ShardUnavailableException.class);
            c.rollback(); // the server dropped the transaction with the session: nothing more to report
        }
        server.start();
        // Read straight from the pool, past shardkit: its other pooled connection may be one the stop killed.
        long rows = await("a read once the server is back").atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(SQLException.class).until(this::countOrders, count -> true);
        assertThat(rows).as("neither insert of the broken transaction").isZero();
    }

    private long countOrders() throws SQLException {
        try (Connection c = flaky.dataSource().getConnection(); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT COUNT(*) FROM orders")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Creates the table once the pool has its first connection: it connects in the background, which on a loaded
     * machine can take longer than one connection timeout.
     */
    private void createOrdersTable() {
        await("first connection").atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(SQLException.class)
                .until(() -> {
                    try (Connection c = flaky.dataSource().getConnection(); Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY)");
                    }
                    return true;
                });
    }

    private static void insert(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private void insertOne() throws SQLException {
        try (ShardScope ignored = ShardContext.bind(flaky); Connection c = routing.getConnection()) {
            insert(c, ids.incrementAndGet());
        }
    }

    private static void assertTyped(Outcome failure) {
        assertThat(failure.error()).isInstanceOfSatisfying(ShardUnavailableException.class, ex -> {
            assertThat(ex.getShard()).isEqualTo("flaky");
            assertThat(ex.getPoolState()).as("the pool's live state").isNotNull();
            assertThat(ex.getMessage()).startsWith("Shard 'flaky' is unavailable: ").contains("(total=");
            assertThat(ex.getCause()).as("the driver's or pool's error is kept").isInstanceOf(SQLException.class);
        });
        assertThat(failure.took()).as("time to fail").isLessThan(FAIL_FAST_BOUND);
    }
}
