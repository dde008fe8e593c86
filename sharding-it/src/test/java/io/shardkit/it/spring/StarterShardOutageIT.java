package io.shardkit.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.it.support.Customers;
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
        long downCustomer = Customers.firstOn(orders, down);
        long upCustomer = Customers.firstOn(orders, up);
        assertThat(health(down)).isEqualTo(Status.UP);

        clusters.stop(down.index());
        try {
            await("health reports the stopped shard DOWN").atMost(Duration.ofSeconds(20))
                    .until(() -> health(down) == Status.DOWN);
            assertThat(health(up)).isEqualTo(Status.UP);

            // Even a call handed a pooled connection the server has just closed fails the typed way (and that
            // connection leaves the pool); every call fails fast.
            long started = System.nanoTime();
            assertThatThrownBy(() -> repository.findIds(downCustomer))
                    .isInstanceOfSatisfying(ShardUnavailableException.class,
                            ex -> assertThat(ex.getShard()).isEqualTo(down.name()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAIL_FAST_BOUND);

            // A @Transactional method: Spring's transaction manager opens the connection and wraps what it throws
            // in CannotCreateTransactionException; the caller gets the typed shardkit failure itself.
            started = System.nanoTime();
            assertThatThrownBy(() -> repository.insert(new Order(ids.incrementAndGet(), downCustomer, 1)))
                    .isInstanceOfSatisfying(ShardUnavailableException.class,
                            ex -> assertThat(ex.getShard()).isEqualTo(down.name()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAIL_FAST_BOUND);
            assertThat(repository.insert(new Order(ids.incrementAndGet(), upCustomer, 1))).isEqualTo(up.name());
        } finally {
            clusters.startAll();
        }

        await("the restarted shard serves again").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> repository.insert(new Order(ids.incrementAndGet(), downCustomer, 1)).equals(down.name()));
        await("health reports it UP again").atMost(Duration.ofSeconds(20)).until(() -> health(down) == Status.UP);
    }

    private Status health(Shard shard) {
        CompositeHealthContributor shardkit = context.getBean("shardkitHealthContributor",
                CompositeHealthContributor.class);
        return ((HealthIndicator) shardkit.getContributor(shard.name())).health().getStatus();
    }
}
