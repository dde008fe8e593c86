package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardUnavailableException;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.spring.testing.TestShards;
import io.shardkit.testing.H2TcpServer;
import io.shardkit.testing.OutagePhases;
import io.shardkit.testing.PacedCalls;
import io.shardkit.testing.PacedCalls.Outcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shard whose database server (H2 over TCP) stops and starts again while every way an application reaches it
 * keeps calling, one call every few milliseconds each: {@code @Sharded} + {@code @Transactional}, {@code @Sharded}
 * alone, a plain {@code @Transactional} method with the shard bound by hand, {@code JdbcTemplate} with no
 * annotation, and a fail-fast {@code @ScatterGather}. Every failure any of them sees is shardkit's
 * {@link ShardUnavailableException} naming the shard (a fan-out's {@link ScatterGatherException} with it as the
 * cause), never a Spring {@code DataAccessResourceFailureException} or a raw driver error; once the server is back
 * every path recovers by itself.
 */
@SpringBootTest(classes = SpringShardOutageIT.App.class)
@DirtiesContext // its pool points at a server that is stopped when the class ends: do not cache the context
class SpringShardOutageIT {

    /** Keys below 1000 live on shard {@code steady} (in memory), the others on {@code flaky} (over TCP). */
    private static final long FLAKY_KEY = 1_007;
    private static final int POOL_SIZE = 2;
    private static final Duration PAUSE = Duration.ofMillis(5);
    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(5);
    private static final H2TcpServer SERVER = H2TcpServer.start("spring-outage");

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        registry.add("shardkit.shards.steady.url", () -> "jdbc:h2:mem:steady-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1");
        registry.add("shardkit.shards.steady.index", () -> 0);
        registry.add("shardkit.shards.flaky.url", () -> SERVER.url("flaky"));
        registry.add("shardkit.shards.flaky.index", () -> 1);
        registry.add("shardkit.shards.flaky.pool.maximum-pool-size", () -> POOL_SIZE);
        registry.add("shardkit.shards.flaky.pool.connection-timeout", () -> "500ms");
        for (String shard : new String[] {"steady", "flaky"}) {
            registry.add("shardkit.shards." + shard + ".username", () -> "sa");
        }
        TestShards.registerSplitAt1000(registry, "steady", "flaky");
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Autowired
    ShardRegistry registry;
    @Autowired
    Orders orders;
    @Autowired
    JdbcTemplate jdbc;

    private final AtomicLong ids = new AtomicLong();

    @BeforeEach
    void createTable() {
        TestShards.createOrdersTable(registry);
    }

    @Test
    @Timeout(120)
    void everyPathSeesOnlyTheTypedFailureWhileTheShardIsDownAndRecoversWhenItIsBack() {
        Shard flaky = registry.shard("flaky");
        Map<String, PacedCalls.Call> paths = new LinkedHashMap<>();
        paths.put("@Sharded @Transactional", () -> orders.insert(FLAKY_KEY, ids.incrementAndGet()));
        paths.put("@Sharded", () -> orders.count(FLAKY_KEY));
        paths.put("@Transactional, bound by hand", () -> {
            try (ShardScope ignored = ShardContext.bind(flaky)) {
                orders.insertHere(FLAKY_KEY, ids.incrementAndGet());
            }
        });
        paths.put("JdbcTemplate, bound by hand", () -> {
            try (ShardScope ignored = ShardContext.bind(flaky)) {
                jdbc.queryForObject("select count(*) from orders", Long.class);
            }
        });
        paths.put("@ScatterGather", orders::countAll);
        Map<String, PacedCalls> calls = new LinkedHashMap<>();
        paths.forEach((path, call) -> calls.put(path, PacedCalls.start(path, 1, PAUSE, Duration.ofSeconds(90), call)));
        try {
            outageAndRecovery(calls);
        } finally {
            calls.values().forEach(PacedCalls::close);
        }
    }

    private void outageAndRecovery(Map<String, PacedCalls> calls) {
        await("warm-up").atMost(Duration.ofSeconds(30))
                .until(() -> calls.values().stream().allMatch(c -> c.successesSince(0) >= 20));
        long stopped = System.nanoTime();
        SERVER.stop();
        await("typed failures on every path").atMost(Duration.ofSeconds(30))
                .until(() -> calls.values().stream().allMatch(c -> c.failuresSince(stopped) >= 3));
        long restarted = System.nanoTime();
        SERVER.start();
        await("every path recovers").atMost(Duration.ofSeconds(30))
                .until(() -> calls.values().stream().allMatch(c -> c.successesSince(restarted) >= 20));
        long lost = 0;
        for (Map.Entry<String, PacedCalls> path : calls.entrySet()) {
            OutagePhases phases = OutagePhases.of(path.getValue(), stopped, restarted);
            System.out.printf("%-30s %s%n", path.getKey(), phases);
            for (Outcome failure : phases.failuresSinceTheStop()) {
                assertTyped(path.getKey(), failure);
            }
            assertThat(phases.failuresAfterReconnect()).as("%s: failures once the pool had reconnected",
                    path.getKey()).isLessThanOrEqualTo(1);
            lost += phases.lostConnections();
        }
        assertThat(lost).as("calls that hit a connection the server had killed, over every path")
                .isLessThanOrEqualTo(POOL_SIZE);
    }

    private static void assertTyped(String path, Outcome failure) {
        Throwable error = failure.error();
        if (error instanceof ScatterGatherException fanOut) {
            assertThat(fanOut.getShard()).isEqualTo("flaky");
            error = fanOut.getCause();
        }
        assertThat(error).as("%s: %s", path, failure.error()).isInstanceOfSatisfying(ShardUnavailableException.class,
                ex -> {
                    assertThat(ex.getShard()).isEqualTo("flaky");
                    assertThat(ex.getPoolState()).isNotNull();
                });
        assertThat(failure.took()).as("%s: time to fail", path).isLessThan(FAIL_FAST_BOUND);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Orders orders(JdbcTemplate jdbc) {
            return new Orders(jdbc);
        }
    }

    /** The ways an application reaches a shard, all through the same JdbcTemplate on the routing DataSource. */
    public static class Orders {
        private final JdbcTemplate jdbc;

        Orders(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Sharded
        @Transactional
        public void insert(@ShardKey long customerId, long id) {
            insertHere(customerId, id);
        }

        @Sharded
        public long count(@ShardKey long customerId) {
            return Objects.requireNonNull(jdbc.queryForObject("select count(*) from orders where customer_id = ?",
                    Long.class, customerId));
        }

        @Transactional
        public void insertHere(long customerId, long id) {
            jdbc.update("insert into orders (id, customer_id, amount) values (?, ?, 1)", id, customerId);
        }

        @ScatterGather
        public long countAll() {
            return Objects.requireNonNull(jdbc.queryForObject("select count(*) from orders", Long.class));
        }
    }
}
