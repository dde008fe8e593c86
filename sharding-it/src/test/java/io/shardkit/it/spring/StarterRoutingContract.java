package io.shardkit.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.InvalidShardKeyException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.it.support.OrderTable.Row;
import io.shardkit.it.support.OrderTable;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.spring.testing.RoutingTestApplication.Order;
import io.shardkit.spring.testing.RoutingTestApplication.OrderRepository;
import io.shardkit.spring.testing.RoutingTestApplication.OrderService;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter end to end on four databases of a real server: {@code @Sharded} writes land on the routed
 * shard, transactions commit and roll back there, a second shard inside one transaction is refused, bad keys
 * are typed errors, and every shard reports UP with its database. Each server gets a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StarterRoutingContract {

    private ShardDatabases databases;
    private ConfigurableApplicationContext context;
    private ShardRegistry registry;
    private ShardingRule orders;
    private OrderRepository repository;
    private OrderService service;

    abstract RealServer server();

    @BeforeAll
    void startApplication() throws SQLException {
        databases = ShardDatabases.create(server(), 4);
        context = StarterApplication.start(databases);
        registry = context.getBean(ShardRegistry.class);
        orders = context.getBean(ShardingRules.class).rule("orders");
        repository = context.getBean(OrderRepository.class);
        service = context.getBean(OrderService.class);
        OrderTable.createOn(registry);
    }

    @AfterAll
    void stopApplication() {
        if (context != null) {
            context.close();
        }
        if (databases != null) {
            databases.close();
        }
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        OrderTable.clear(registry);
    }

    @Test
    void eachInsertLandsOnExactlyTheShardItsRuleNames() throws SQLException {
        Map<String, List<Long>> expected = new HashMap<>();
        for (long id = 1; id <= 120; id++) {
            long customer = id * 7919 % 1000;
            String shard = repository.insert(new Order(id, customer, 100));
            assertThat(shard).isEqualTo(orders.shardOf(customer).name());
            expected.computeIfAbsent(shard, s -> new java.util.ArrayList<>()).add(id);
        }
        for (Shard shard : registry.shards()) {
            assertThat(OrderTable.rowsOn(shard)).extracting(Row::id).as(shard.name())
                    .containsExactlyElementsOf(expected.getOrDefault(shard.name(), List.of()));
        }
        assertThat(expected).hasSize(4);
        assertThat(repository.findIds(7919 % 1000)).containsExactly(1L);
    }

    @Test
    void aRollbackLeavesNothingOnAnyShard() throws SQLException {
        assertThatThrownBy(() -> repository.insertThenFail(new Order(1, 42, 100)))
                .isInstanceOf(IllegalStateException.class).hasMessage("boom after insert");
        assertThat(OrderTable.countAll(registry)).isZero();
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void twoOrdersOfOneShardCommitTogether() throws SQLException {
        long[] sameShard = customersOn(orders.shardOf(1L), 2);
        service.placeBoth(new Order(1, sameShard[0], 100), new Order(2, sameShard[1], 200));
        assertThat(OrderTable.rowsOn(orders.shardOf(sameShard[0]))).extracting(Row::id).containsExactly(1L, 2L);
        assertThat(OrderTable.countAll(registry)).isEqualTo(2);
    }

    @Test
    void aSecondShardInsideTheTransactionIsRefusedAndTheFirstInsertRollsBack() throws SQLException {
        Shard first = orders.shardOf(1L);
        long other = customersOn(registry.shard((first.index() + 1) % 4), 1)[0];
        assertThatThrownBy(() -> service.placeBoth(new Order(1, 1, 100), new Order(2, other, 200)))
                .isInstanceOfSatisfying(CrossShardTransactionException.class, ex -> {
                    assertThat(ex.getShard()).isEqualTo(orders.shardOf(other).name());
                    assertThat(ex.getRule()).isEqualTo("orders");
                });
        assertThat(OrderTable.countAll(registry)).as("outer insert rolled back, inner never ran").isZero();
    }

    @Test
    void wrongTypedAndNullKeysAreTypedErrors() {
        assertThatThrownBy(() -> repository.shardOfAnything(1.5d)).isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("Rule 'orders'").hasMessageContaining("[java.lang.Double 1.5]");
        assertThatThrownBy(() -> repository.shardOfAnything(null)).isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("[null]");
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void everyShardIsUpWithItsDatabase() {
        CompositeHealthContributor shardkit = context.getBean("shardkitHealthContributor",
                CompositeHealthContributor.class);
        for (Shard shard : registry.shards()) {
            Health health = ((HealthIndicator) shardkit.getContributor(shard.name())).health();
            assertThat(health.getStatus()).as(shard.name()).isEqualTo(Status.UP);
            assertThat(String.valueOf(health.getDetails().get("database"))).containsIgnoringCase(
                    server() == RealServer.POSTGRES ? "PostgreSQL" : "MariaDB");
        }
    }

    private long[] customersOn(Shard shard, int count) {
        long[] found = new long[count];
        int n = 0;
        for (long customer = 1; n < count; customer++) {
            if (orders.shardOf(customer).equals(shard)) {
                found[n++] = customer;
            }
        }
        return found;
    }
}
