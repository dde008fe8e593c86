package io.shardkit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardUnavailableException;
import io.shardkit.it.support.MariaDbInstance;
import io.shardkit.it.support.OrderTable;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.testing.OutagePhases;
import io.shardkit.testing.PacedCalls;
import io.shardkit.testing.PacedCalls.Outcome;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A shard on a MariaDB server of the test's own, stopped (a normal shutdown, which ends every session) and started
 * again under load, while a second shard on the machine's MariaDB keeps serving: the stopped shard's callers see
 * {@link ShardUnavailableException} only (the driver's connection errors are mapped, the cause kept), each pooled
 * connection the server closed fails one call at most, and traffic recovers by itself once it is back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbOutageIT {

    private static final int POOL_SIZE = 4;
    private static final int CLIENTS = 4;
    private static final Duration PAUSE = Duration.ofMillis(2);
    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(5);

    private MariaDbInstance instance;
    private ShardDatabases steadyDatabase;
    private ShardRegistry registry;
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();
    private final AtomicLong ids = new AtomicLong();

    @BeforeAll
    void startServers() throws SQLException {
        steadyDatabase = ShardDatabases.create(RealServer.MARIADB, 1);
        instance = MariaDbInstance.create();
        instance.createDatabase("orders");
        registry = ShardRegistry.builder()
                .shard("steady", steadyDatabase.poolConfig(0).build())
                .shard("flaky", instance.poolConfig("orders").maximumPoolSize(POOL_SIZE).minimumIdle(POOL_SIZE)
                        .build())
                .build();
        OrderTable.createOn(registry);
    }

    @AfterAll
    void stopServers() {
        if (registry != null) {
            registry.close();
        }
        if (instance != null) {
            instance.close();
        }
        if (steadyDatabase != null) {
            steadyDatabase.close();
        }
    }

    @Test
    @Timeout(180)
    void theStoppedShardsCallersSeeOnlyTheTypedFailureTheOtherShardServesAndTrafficRecovers() {
        Shard flaky = registry.shard("flaky");
        Shard steady = registry.shard("steady");
        long stopped;
        long restarted;
        try (PacedCalls flakyCalls = PacedCalls.start("mariadb-flaky", CLIENTS, PAUSE, Duration.ofSeconds(150),
                () -> insertOn(flaky));
             PacedCalls steadyCalls = PacedCalls.start("mariadb-steady", 1, PAUSE, Duration.ofSeconds(150),
                     () -> insertOn(steady))) {
            await("warm-up").atMost(Duration.ofSeconds(30)).until(() -> flakyCalls.successesSince(0) >= 200);
            stopped = System.nanoTime();
            instance.stop();
            await("typed failures while down").atMost(Duration.ofSeconds(30))
                    .until(() -> flakyCalls.failuresSince(stopped) >= 3 * CLIENTS);
            long steadyWhileDown = steadyCalls.successesSince(stopped);
            restarted = System.nanoTime();
            instance.start();
            await("traffic recovers").atMost(Duration.ofSeconds(60))
                    .until(() -> flakyCalls.successesSince(restarted) >= 200);
            OutagePhases phases = OutagePhases.of(flakyCalls, stopped, restarted);
            System.out.println("MariaDB shard outage, calls per outcome: " + phases);
            for (Outcome failure : phases.failuresSinceTheStop()) {
                assertTyped(failure);
            }
            assertThat(phases.lostConnections()).as("calls whose pooled connection the server had closed")
                    .isLessThanOrEqualTo(POOL_SIZE);
            assertThat(phases.failuresAfterReconnect()).as("failures once the pool had reconnected")
                    .isLessThanOrEqualTo(CLIENTS);
            assertThat(steadyWhileDown).as("inserts on the other shard while this one was down").isPositive();
            assertThat(steadyCalls.failuresSince(0)).as("failures on the other shard").isZero();
        }
    }

    private void insertOn(Shard shard) throws SQLException {
        try (ShardScope ignored = ShardContext.bind(shard)) {
            OrderTable.insert(routing, ids.incrementAndGet(), 1, 100);
        }
    }

    private static void assertTyped(Outcome failure) {
        assertThat(failure.error()).isInstanceOfSatisfying(ShardUnavailableException.class, ex -> {
            assertThat(ex.getShard()).isEqualTo("flaky");
            assertThat(ex.getPoolState()).isNotNull();
            assertThat(ex.getCause()).as("the driver's or pool's error is kept").isInstanceOf(SQLException.class);
        });
        assertThat(failure.took()).as("time to fail").isLessThan(FAIL_FAST_BOUND);
    }
}
