package io.shardkit.it.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.NoShardBoundException;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.entity.WrongShardWriteException;
import io.shardkit.it.persistence.PersistenceApps;
import io.shardkit.it.persistence.ShardPlacement;
import io.shardkit.it.support.ShardDatabaseSet;
import io.shardkit.it.support.StartupLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;

/**
 * A Spring Data JDBC app on four shards of one kind of database, started as a user would start it: it starts with
 * no dialect property and no warning, places rows on their customers' shards, reads and fans out through annotated
 * repository methods, and refuses (rolling back) a row written inside another customer's unit of work.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DataJdbcContract {

    private static final String TABLE = "purchase_order";

    private ShardDatabaseSet databases;
    private ConfigurableApplicationContext context;
    private StartupLog startupLog;
    private ShardRegistry registry;
    private ShardingRule rule;
    private PurchaseOrders orders;
    private PurchaseOrderService service;

    /** The shard databases (created by the subclass; closed here). */
    abstract ShardDatabaseSet databases();

    /** A word of the Spring Data JDBC dialect's class name for this kind of database. */
    abstract String dialect();

    @BeforeAll
    void start() {
        databases = databases();
        StartupLog.Captured<ConfigurableApplicationContext> started = PersistenceApps.start(
                DataJdbcApplication.class, databases, DataJdbcApplication.MIGRATIONS);
        context = started.value();
        startupLog = started.log();
        registry = context.getBean(ShardRegistry.class);
        rule = context.getBean(ShardingRules.class).rule("orders");
        orders = context.getBean(PurchaseOrders.class);
        service = context.getBean(PurchaseOrderService.class);
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
        ShardPlacement.clear(registry, TABLE);
    }

    @Test
    void startsWithNoDialectPropertyAndNoWarning() {
        assertThat(startupLog.warnings(PersistenceApps.SETUP_WARNINGS)).as(startupLog.text()).isEmpty();
        assertThat(context.getBean(JdbcDialect.class).getClass().getSimpleName()).containsIgnoringCase(dialect());
        assertThat(startupLog.text()).contains("shard 'shard-3': Flyway done");
    }

    @Test
    void aThousandOrdersLandEachOnItsCustomersShard() {
        for (long id = 1; id <= 1_000; id++) {
            service.place(PurchaseOrder.of(id, id * 7_919 % 100_003, 100));
        }
        ShardPlacement.assertPlaced(registry, rule, TABLE, 1_000);
        assertThat(orders.count()).as("@ScatterGather count() sums the shards").isEqualTo(1_000);
        assertThat(orders.totalAmountCents()).isEqualTo(100_000);
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void routedFindersAndFanOutReadsAnswerFromTheRightShards() {
        List<Long> customers = new ArrayList<>();
        for (int shard = 0; shard < registry.size(); shard++) {
            long customer = ShardPlacement.customersOn(rule, registry.shard(shard), 1)[0];
            customers.add(customer);
            service.place(PurchaseOrder.of(10 + shard, customer, 100));
            service.place(PurchaseOrder.of(20 + shard, customer, 200));
        }
        assertThat(orders.findByCustomerIdOrderById(customers.get(2))).extracting(PurchaseOrder::id)
                .containsExactly(12L, 22L);
        assertThat(orders.findByCustomerIdIn(Set.of(customers.get(0), customers.get(3))))
                .extracting(PurchaseOrder::id).containsExactlyInAnyOrder(10L, 20L, 13L, 23L);
        assertThat(orders.count()).isEqualTo(8);
    }

    @Test
    void anotherCustomersRowInsideAUnitOfWorkIsRefusedAndTheFirstRowRollsBack() {
        long a = ShardPlacement.customersOn(rule, registry.shard(0), 1)[0];
        long b = ShardPlacement.customersOn(rule, registry.shard(1), 1)[0];
        assertThatThrownBy(() -> service.placeBoth(PurchaseOrder.of(1, a, 100), PurchaseOrder.of(2, b, 100)))
                .isInstanceOfSatisfying(WrongShardWriteException.class, ex -> {
                    assertThat(ex.getShard()).as(ex.getMessage()).isEqualTo(registry.shard(1).name());
                    assertThat(ex.getTargetShard()).isEqualTo(registry.shard(0).name());
                    assertThat(ex.getKey()).isEqualTo(b);
                });
        assertThat(ShardPlacement.countAll(registry, TABLE)).as("nothing written anywhere").isZero();
    }

    @Test
    void aSaveWithNoShardBoundIsRefused() {
        assertThatThrownBy(() -> orders.save(PurchaseOrder.of(1, 1, 100)))
                .satisfies(ex -> assertThat(PersistenceApps.causes(ex)).hasAtLeastOneElementOfType(NoShardBoundException.class));
        assertThat(ShardPlacement.countAll(registry, TABLE)).isZero();
    }

    @Test
    void readModifyWriteUpdatesTheRowOnItsShard() {
        long customer = ShardPlacement.customersOn(rule, registry.shard(3), 1)[0];
        service.place(PurchaseOrder.of(7, customer, 100));
        PurchaseOrder raised = service.raise(customer, 7, 50);
        assertThat(raised.amountCents()).isEqualTo(150);
        assertThat(ShardPlacement.direct(registry.shard(3)).queryForObject(
                "SELECT amount_cents FROM purchase_order WHERE id = 7", Long.class)).isEqualTo(150);
    }
}
