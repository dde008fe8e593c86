package io.shardkit.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.it.support.OrderTable;
import io.shardkit.it.support.PgClusters;
import io.shardkit.spring.testing.RoutingTestApplication.Order;
import io.shardkit.spring.testing.RoutingTestApplication.OrderRepository;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter while one shard's PostgreSQL server is really down: health reports that shard DOWN and the other
 * UP, {@code @Sharded} calls routed to it fail fast and typed while the other shard serves, and after a restart
 * both recover in the same application context.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StarterShardOutageIT {

    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(5);

    private PgClusters clusters;
    private ConfigurableApplicationContext context;
    private ShardRegistry registry;
    private ShardingRule orders;
    private OrderRepository repository;
    private final AtomicLong ids = new AtomicLong();

    @BeforeAll
    void startApplication() throws SQLException {
        clusters = PgClusters.create(2);
        context = StarterApplication.start(clusters);
        registry = context.getBean(ShardRegistry.class);
        orders = context.getBean(ShardingRules.class).rule("orders");
        repository = context.getBean(OrderRepository.class);
        OrderTable.createOn(registry);
    }

    @AfterAll
    void stopApplication() {
        if (context != null) {
            context.close();
        }
        if (clusters != null) {
            clusters.close();
        }
    }

    @Test
    @Timeout(120)
    void stoppedShardIsDownAndFailsFastWhileTheOtherServesThenBothRecover() {
        Shard down = registry.shard(1);
        Shard up = registry.shard(0);
        long downCustomer = customerOn(down);
        long upCustomer = customerOn(up);
        assertThat(health(down)).isEqualTo(Status.UP);

        clusters.stop(down.index());
        try {
            await("health reports the stopped shard DOWN").atMost(Duration.ofSeconds(20))
                    .until(() -> health(down) == Status.DOWN);
            assertThat(health(up)).isEqualTo(Status.UP);

            // A call may still be handed a pooled connection the server has just closed (the driver's error, once
            // per such connection); after that the pool has none left and every call fails the typed, fast way.
            await("routed calls fail typed").atMost(Duration.ofSeconds(20)).until(() ->
                    catchThrowable(() -> repository.findIds(downCustomer)) instanceof ShardUnavailableException);
            long started = System.nanoTime();
            assertThatThrownBy(() -> repository.findIds(downCustomer))
                    .isInstanceOfSatisfying(ShardUnavailableException.class,
                            ex -> assertThat(ex.getShard()).isEqualTo(down.name()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAIL_FAST_BOUND);

            // A @Transactional method: Spring's transaction manager opens the connection and wraps what it throws
            // in CannotCreateTransactionException; the typed shardkit failure is that exception's cause.
            started = System.nanoTime();
            assertThatThrownBy(() -> repository.insert(new Order(ids.incrementAndGet(), downCustomer, 1)))
                    .satisfies(ex -> assertThat(shardUnavailableIn(ex)).as("ShardUnavailableException in %s", ex)
                            .isNotNull().extracting(ShardUnavailableException::getShard).isEqualTo(down.name()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAIL_FAST_BOUND);
            assertThat(repository.insert(new Order(ids.incrementAndGet(), upCustomer, 1))).isEqualTo(up.name());
        } finally {
            clusters.startAll();
        }

        await("the restarted shard serves again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> repository.insert(new Order(ids.incrementAndGet(), downCustomer, 1)).equals(down.name()));
        await("health reports it UP again").atMost(Duration.ofSeconds(20)).until(() -> health(down) == Status.UP);
    }

    /** The {@link ShardUnavailableException} that is {@code ex} or one of its causes, or {@code null}. */
    private static ShardUnavailableException shardUnavailableIn(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof ShardUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }

    private Status health(Shard shard) {
        CompositeHealthContributor shardkit = context.getBean("shardkitHealthContributor",
                CompositeHealthContributor.class);
        return ((HealthIndicator) shardkit.getContributor(shard.name())).health().getStatus();
    }

    private long customerOn(Shard shard) {
        for (long customer = 1; ; customer++) {
            if (orders.shardOf(customer).equals(shard)) {
                return customer;
            }
        }
    }
}
