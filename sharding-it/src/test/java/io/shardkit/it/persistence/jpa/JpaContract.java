package io.shardkit.it.persistence.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.entity.WrongShardWriteException;
import io.shardkit.it.persistence.PersistenceApps;
import io.shardkit.it.persistence.ShardPlacement;
import io.shardkit.it.support.ShardDatabaseSet;
import io.shardkit.it.support.StartupLog;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A JPA / Hibernate app on four shards of one kind of database, started as a user would: no dialect, ddl-auto or
 * metadata property and no warning; rows on their customers' shards; routed and fanned-out repository reads;
 * dirty checking and lazy loading inside the unit of work; another customer's row refused and rolled back; ids from
 * each shard's own sequence.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JpaContract {

    private ShardDatabaseSet databases;
    private ConfigurableApplicationContext context;
    private StartupLog startupLog;
    ShardRegistry registry;
    ShardingRule rule;
    CustomerOrders orders;
    CustomerOrderService service;

    abstract ShardDatabaseSet databases();

    /** A word of Hibernate's dialect class name for this kind of database. */
    abstract String dialect();

    @BeforeAll
    void start() {
        databases = databases();
        StartupLog.Captured<ConfigurableApplicationContext> started = PersistenceApps.start(JpaApplication.class,
                databases, JpaApplication.SETTINGS);
        context = started.value();
        startupLog = started.log();
        registry = context.getBean(ShardRegistry.class);
        rule = context.getBean(ShardingRules.class).rule("orders");
        orders = context.getBean(CustomerOrders.class);
        service = context.getBean(CustomerOrderService.class);
    }

    @AfterAll
    void stop() {
        if (context != null) {
            context.close();
        }
        if (databases != null) {
            databases.close();
        }
    }

    @BeforeEach
    void empty() {
        ShardPlacement.clear(registry, "order_line", "customer_order");
    }

    @Test
    void startsWithNoPropertyAndTheDialectOfTheShards() {
        assertThat(startupLog.warnings(PersistenceApps.SETUP_WARNINGS)).as(startupLog.text()).isEmpty();
        SessionFactoryImplementor hibernate = context.getBean(EntityManagerFactory.class)
                .unwrap(SessionFactoryImplementor.class);
        assertThat(hibernate.getJdbcServices().getDialect().getClass().getSimpleName())
                .containsIgnoringCase(dialect());
    }

    @Test
    void aThousandOrdersLandEachOnItsCustomersShard() {
        for (long i = 1; i <= 1_000; i++) {
            service.place(new CustomerOrder(i * 7_919 % 100_003, 100));
        }
        ShardPlacement.assertPlaced(registry, rule, "customer_order", 1_000);
        assertThat(orders.count()).isEqualTo(1_000);
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void routedFindersAndFanOutReads() {
        List<Long> customers = new ArrayList<>();
        for (Shard shard : registry.shards()) {
            long customer = ShardPlacement.customersOn(rule, shard, 1)[0];
            customers.add(customer);
            service.place(new CustomerOrder(customer, 100));
            service.place(new CustomerOrder(customer, 200));
        }
        assertThat(orders.findByCustomerIdOrderById(customers.get(1))).extracting(CustomerOrder::getAmountCents)
                .containsExactly(100L, 200L);
        assertThat(orders.findByCustomerIdIn(Set.of(customers.get(0), customers.get(2))))
                .extracting(CustomerOrder::getCustomerId)
                .containsExactlyInAnyOrder(customers.get(0), customers.get(0), customers.get(2), customers.get(2));
        assertThat(orders.count()).isEqualTo(8);
    }

    @Test
    void anotherCustomersEntityInsideAUnitOfWorkIsRefusedAndTheFirstRollsBack() {
        long a = ShardPlacement.customersOn(rule, registry.shard(0), 1)[0];
        long b = ShardPlacement.customersOn(rule, registry.shard(1), 1)[0];
        assertThatThrownBy(() -> service.placeBoth(new CustomerOrder(a, 1), new CustomerOrder(b, 2)))
                .isInstanceOfSatisfying(WrongShardWriteException.class, ex -> {
                    assertThat(ex.getShard()).isEqualTo(registry.shard(1).name());
                    assertThat(ex.getTargetShard()).isEqualTo(registry.shard(0).name());
                    assertThat(ex.getEntityType()).isEqualTo(CustomerOrder.class.getName());
                });
        assertThat(ShardPlacement.countAll(registry, "customer_order")).isZero();
    }

    @Test
    void dirtyCheckingUpdatesTheRowOnItsShardAndLazyLinesLoadInsideTheUnitOfWork() {
        Shard home = registry.shard(2);
        long customer = ShardPlacement.customersOn(rule, home, 1)[0];
        long id = service.place(new CustomerOrder(customer, 100, "tea", "cake")).getId();
        service.raise(customer, id, 25);
        assertThat(ShardPlacement.direct(home).queryForObject("SELECT amount_cents FROM customer_order WHERE id = ?",
                Long.class, id)).isEqualTo(125);
        assertThat(service.skus(customer, id)).containsExactly("tea", "cake");
    }

    @Test
    void aKeyChangedInPlaceToAnotherShardsIsRefusedAtFlushAndNothingChanges() {
        Shard home = registry.shard(3);
        long customer = ShardPlacement.customersOn(rule, home, 1)[0];
        long elsewhere = ShardPlacement.customersOn(rule, registry.shard(0), 1)[0];
        long id = service.place(new CustomerOrder(customer, 100)).getId();
        assertThatThrownBy(() -> service.reassign(customer, id, elsewhere))
                .satisfies(ex -> assertThat(PersistenceApps.causes(ex))
                        .hasAtLeastOneElementOfType(WrongShardWriteException.class));
        assertThat(ShardPlacement.direct(home).queryForObject(
                "SELECT customer_id FROM customer_order WHERE id = ?", Long.class, id)).isEqualTo(customer);
    }

    @Test
    void eachShardsIdsComeFromItsOwnSequence() {
        for (int round = 0; round < 3; round++) {
            for (Shard shard : registry.shards()) {
                service.place(new CustomerOrder(ShardPlacement.customersOn(rule, shard, 1)[0], 1));
            }
        }
        List<List<Long>> idsPerShard = new ArrayList<>();
        for (Shard shard : registry.shards()) {
            idsPerShard.add(ShardPlacement.direct(shard).queryForList(
                    "SELECT id FROM customer_order ORDER BY id", Long.class));
        }
        // One pooled block per shard, fetched from that shard's own sequence: the orders placed round-robin get
        // consecutive ids on each shard, where one block shared by all shards would have dealt every fourth id
        // to each.
        assertThat(idsPerShard).allSatisfy(ids -> {
            assertThat(ids).hasSize(3);
            assertThat(ids.get(2) - ids.get(0)).as("consecutive: %s", ids).isEqualTo(2);
        });
    }

    @Test
    void theSecondLevelCacheKeepsShardsApart() {
        Shard a = registry.shard(0);
        Shard b = registry.shard(1);
        long customerA = ShardPlacement.customersOn(rule, a, 1)[0];
        long customerB = ShardPlacement.customersOn(rule, b, 1)[0];
        long id = 900_000;
        ShardPlacement.direct(a).update("INSERT INTO customer_order (id, customer_id, amount_cents) VALUES (?, ?, 1)",
                id, customerA);
        ShardPlacement.direct(b).update("INSERT INTO customer_order (id, customer_id, amount_cents) VALUES (?, ?, 2)",
                id, customerB);
        assertThat(service.customerOf(customerA, id)).isEqualTo(customerA);
        ShardPlacement.direct(a).update("DELETE FROM customer_order WHERE id = ?", id);
        assertThat(service.customerOf(customerA, id)).as("shard A's entry is cached").isEqualTo(customerA);
        assertThat(service.customerOf(customerB, id)).as("shard B reads its own row, not A's entry")
                .isEqualTo(customerB);
        context.getBean(EntityManagerFactory.class).getCache().evictAll();
    }
}
