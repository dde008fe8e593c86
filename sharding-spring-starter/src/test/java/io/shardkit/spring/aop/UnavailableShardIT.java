package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardUnavailableException;
import io.shardkit.annotation.Broadcast;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.spring.testing.TestShards;
import io.shardkit.testing.H2ShardFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shard whose database is unreachable (its pool points at a closed local port, with a 300 ms connection
 * timeout) costs its callers a fast, typed failure, also through {@code @Transactional}, where Spring's
 * transaction manager wraps it: a routed call gets {@link ShardUnavailableException} naming the shard itself, a
 * fail-fast scatter-gather a {@link ScatterGatherException} naming the shard with that typed cause, a broadcast
 * the typed failure per shard. The reachable shard keeps serving.
 */
@SpringBootTest(classes = UnavailableShardIT.App.class)
class UnavailableShardIT {

    /** Keys below 1000 live on shard {@code up}, the others on shard {@code down}. */
    private static final long UP_KEY = 7;
    private static final long DOWN_KEY = 1_007;
    /** Far above the 300 ms connection timeout, far below HikariCP's 30 s default. */
    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) throws IOException {
        String up = "shardkit.shards.up.";
        registry.add(up + "index", () -> "0");
        registry.add(up + "url", () -> H2ShardFixtures.uniqueUrl("unavailable"));
        registry.add(up + "username", () -> "sa");
        String down = "shardkit.shards.down.";
        String gone = H2ShardFixtures.unreachableUrl();
        registry.add(down + "index", () -> "1");
        registry.add(down + "url", () -> gone);
        registry.add(down + "username", () -> "sa");
        registry.add(down + "pool.connection-timeout", () -> "300ms");
        registry.add(down + "pool.maximum-pool-size", () -> "1");
        registry.add(down + "pool.minimum-idle", () -> "0");
        TestShards.registerSplitAt1000(registry, "up", "down");
    }

    /** A local port nothing listens on: bound, then released. */
    @Autowired
    ShardRegistry registry;
    @Autowired
    Orders orders;

    @BeforeEach
    void createTable() {
        TestShards.direct(registry.shard("up")).execute("create table if not exists orders (customer_id bigint)");
    }

    @Test
    void aTransactionalCallRoutedToTheDownShardFailsWithTheTypedExceptionNamingIt() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> orders.insert(DOWN_KEY))
                .isInstanceOfSatisfying(ShardUnavailableException.class, ex -> {
                    assertThat(ex.getShard()).isEqualTo("down");
                    assertThat(ex.getMessage()).startsWith("Shard 'down' is unavailable");
                    assertThat(ex.getSuppressed()).as("Spring's wrapper is kept as context")
                            .singleElement().isInstanceOf(CannotCreateTransactionException.class);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAIL_FAST_BOUND);
        assertThat(ShardContext.current()).isNull();
        assertThat(orders.insert(UP_KEY)).as("the other shard keeps serving").isEqualTo("up");
    }

    @Test
    void aPlainCallRoutedToTheDownShardFailsTheSameWay() {
        assertThatThrownBy(() -> orders.count(DOWN_KEY))
                .isInstanceOfSatisfying(ShardUnavailableException.class, ex -> {
                    assertThat(ex.getShard()).isEqualTo("down");
                    assertThat(ex.getSuppressed()).isEmpty();
                });
    }

    @Test
    void aFailFastScatterGatherNamesTheDownShardWithTheTypedCause() {
        assertThatThrownBy(() -> orders.countAll())
                .isInstanceOfSatisfying(ScatterGatherException.class, ex -> {
                    assertThat(ex.getShard()).isEqualTo("down");
                    assertThat(ex.getCause()).isInstanceOfSatisfying(ShardUnavailableException.class,
                            cause -> assertThat(cause.getShard()).isEqualTo("down"));
                });
    }

    @Test
    void aBroadcastReportsTheDownShardsTypedFailureAndTheOtherShardsSuccess() {
        ScatterResult<Integer> result = orders.insertEverywhere(UP_KEY);
        assertThat(result.succeeded()).extracting(Shard::name).containsExactly("up");
        assertThat(result.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.shard().name()).isEqualTo("down");
            assertThat(failure.cause()).isInstanceOf(ShardUnavailableException.class);
        });
        assertThat(result.value()).isEqualTo(1);
    }

    @Test
    void theTypedExceptionWithItsSuppressedWrapperPrintsAndLogsDespiteTheCycle() {
        Throwable thrown = catchThrowable(() -> orders.insert(DOWN_KEY));
        StringWriter printed = new StringWriter();
        thrown.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).contains("Suppressed: " + CannotCreateTransactionException.class.getName())
                .contains("CIRCULAR REFERENCE");
        // A shard down at start-up is also not layout-verified: a ShardUnavailableException subclass says so.
        assertThat(thrown).isInstanceOf(ShardUnavailableException.class);
        assertThat(ThrowableProxyUtil.asString(new ThrowableProxy(thrown)))
                .contains(thrown.getClass().getName())
                .contains(CannotCreateTransactionException.class.getName());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Orders orders(JdbcTemplate jdbc) {
            return new Orders(jdbc);
        }
    }

    /** The routed, scatter-gather and broadcast methods, each transactional so Spring wraps the shard's failure. */
    public static class Orders {
        private final JdbcTemplate jdbc;

        Orders(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Sharded
        @Transactional
        public String insert(@ShardKey long customerId) {
            jdbc.update("insert into orders (customer_id) values (?)", customerId);
            return Objects.requireNonNull(ShardContext.current()).name();
        }

        @Sharded
        public long count(@ShardKey long customerId) {
            return Objects.requireNonNull(jdbc.queryForObject(
                    "select count(*) from orders where customer_id = ?", Long.class, customerId));
        }

        @ScatterGather
        @Transactional(readOnly = true)
        public long countAll() {
            return Objects.requireNonNull(jdbc.queryForObject("select count(*) from orders", Long.class));
        }

        @Broadcast
        @Transactional
        public ScatterResult<Integer> insertEverywhere(long customerId) {
            return ScatterResult.ofShard(jdbc.update("insert into orders (customer_id) values (?)", customerId));
        }
    }
}
