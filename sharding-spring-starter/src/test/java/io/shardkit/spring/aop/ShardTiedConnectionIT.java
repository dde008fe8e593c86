package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.annotation.Sharded;
import io.shardkit.spring.testing.TestShards;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.annotation.Transactional;

/**
 * The connection a Spring transaction holds stays on its shard: code that binds another customer's shard inside
 * a {@code @Transactional} method bound to the first and writes through {@code JdbcTemplate} (or any connection
 * Spring hands out for that transaction) is refused with {@link CrossShardTransactionException} naming both
 * shards and the method that opened the transaction, and the transaction rolls back, so no row lands on the wrong
 * shard. A {@code @Transactional} method called with no shard bound fails with {@link NoShardBoundException}
 * naming it, not with Spring's {@code CannotCreateTransactionException}.
 */
@SpringBootTest(classes = ShardTiedConnectionIT.App.class)
class ShardTiedConnectionIT {

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        TestShards.registerWithOrdersRule(registry, "tied");
    }

    @Autowired
    ShardRegistry registry;
    @Autowired
    ShardingRules rules;
    @Autowired
    Orders orders;
    @Autowired
    OrderService service;
    @Autowired
    DataSource routing;

    private ShardingRule rule;
    private long customerA;
    private long customerB;

    @BeforeEach
    void createTable() {
        TestShards.createOrdersTable(registry);
        rule = rules.rule("orders");
        customerA = customerOn(registry.shard(0));
        customerB = customerOn(registry.shard(1));
    }

    @Test
    void bindingTheSecondCustomersShardInsideTheTransactionAndWritingIsRefusedAndRollsBack() {
        assertThatThrownBy(() -> orders.placeTwo(customerA, customerB))
                .isInstanceOfSatisfying(CrossShardTransactionException.class, ex -> {
                    assertThat(ex.getShard()).isEqualTo("shard-1");
                    assertThat(ex.getBoundShard()).isEqualTo("shard-0");
                })
                .hasMessage("Shard 'shard-1' is bound but prepareStatement was called on a connection of shard "
                        + "'shard-0' held by the open transaction (opened by Orders.placeTwo); refused before it ran: "
                        + "one unit of work may use one shard only. Bind shard 'shard-1' outside that transaction");
        assertThat(TestShards.totalOrders(registry)).as("the first order rolled back, the second never ran")
                .isZero();
        assertThat(ShardContext.current()).isNull();
    }

    @Test
    void theMessageNamesTheOuterMethodThatOpenedTheTransactionNotTheInnerOneThatWrote() {
        assertThatThrownBy(() -> service.placeTwo(customerA, customerB))
                .isInstanceOf(CrossShardTransactionException.class)
                .hasMessageContaining("held by the open transaction (opened by OrderService.placeTwo)");
        assertThat(TestShards.totalOrders(registry)).isZero();
    }

    @Test
    void everyConnectionSpringHandsOutForTheTransactionIsGuarded() throws Exception {
        Shard b = rule.shardOf(customerB);
        orders.inTransactionOf(customerA, jdbc -> {
            DataSource proxy = new TransactionAwareDataSourceProxy(routing);
            assertRefusedWhile(b, () -> jdbc.execute((ConnectionCallback<Object>) c -> insert(c, 1, customerB)));
            assertRefusedWhile(b, () -> insert(DataSourceUtils.getConnection(routing), 2, customerB));
            assertRefusedWhile(b, () -> {
                try (Connection c = proxy.getConnection()) {
                    insert(c, 3, customerB);
                }
            });
            assertRefusedWhile(b, () -> insert(DataSourceUtils.getConnection(routing).unwrap(Connection.class), 4,
                    customerB));
            jdbc.update("insert into orders (id, customer_id, amount) values (5, ?, 1)", customerA);
        });
        assertThat(TestShards.orderIds(registry.shard(0))).as("the transaction's own row, nothing else")
                .containsExactly(5L);
        assertThat(TestShards.orderIds(registry.shard(1))).isEmpty();
    }

    @Test
    void aPlainTransactionalMethodWithNoShardBoundIsNoShardBoundExceptionNamingTheMethod() {
        assertThatThrownBy(() -> orders.insertWherever(1, customerA))
                .isInstanceOfSatisfying(NoShardBoundException.class, ex -> {
                    assertThat(ex.getMethod()).isEqualTo("Orders.insertWherever(long, long)");
                    assertThat(ex.getCause()).isInstanceOf(NoShardBoundException.class);
                    assertThat(ex.getSuppressed()).as("Spring's wrapper, kept for the log").singleElement()
                            .isInstanceOf(CannotCreateTransactionException.class);
                })
                .hasMessageStartingWith("No shard is bound to thread [" + Thread.currentThread().getName()
                        + "] while Orders.insertWherever(long, long) began its transaction; route the call first");
    }

    @Test
    void aPlainTransactionalMethodRunsOnTheShardBoundAroundIt() {
        try (ShardScope ignored = ShardContext.bind(registry.shard(2))) {
            orders.insertWherever(7, customerA);
        }
        assertThat(TestShards.orderIds(registry.shard(2))).containsExactly(7L);
    }

    private static void assertRefusedWhile(Shard other, SqlAction action) {
        try (ShardScope ignored = ShardContext.bind(other)) {
            assertThatThrownBy(action::run).isInstanceOf(CrossShardTransactionException.class)
                    .hasMessageContaining("on a connection of shard 'shard-0' held by the open transaction");
        }
    }

    private static Object insert(Connection c, long id, long customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into orders (id, customer_id, amount) values (?, ?, 1)")) {
            ps.setLong(1, id);
            ps.setLong(2, customer);
            return ps.executeUpdate();
        }
    }

    private long customerOn(Shard shard) {
        for (long customer = 1; ; customer++) {
            if (rule.shardOf(customer).equals(shard)) {
                return customer;
            }
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface InTransaction {
        void run(JdbcTemplate jdbc) throws Exception;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Orders orders(JdbcTemplate jdbc, ShardingRules rules) {
            return new Orders(jdbc, rules.rule("orders"));
        }

        @Bean
        OrderService orderService(Orders orders) {
            return new OrderService(orders);
        }
    }

    /** A repository as an application writes one, including the mistake of binding a shard by hand. */
    public static class Orders {
        private final JdbcTemplate jdbc;
        private final ShardingRule rule;

        Orders(JdbcTemplate jdbc, ShardingRule rule) {
            this.jdbc = jdbc;
            this.rule = rule;
        }

        /** The mistake the guard stops: the second customer's shard bound by hand inside the first's transaction. */
        @Sharded(rule = "orders", key = "#first")
        @Transactional
        public void placeTwo(long first, long second) {
            insertRow(1, first);
            try (ShardScope ignored = ShardContext.bind(rule.shardOf(second))) {
                insertRow(2, second);
            }
        }

        /** The same mistake in a method that joins its caller's transaction. */
        @Transactional
        public void insertBoundByHand(long id, long customer) {
            try (ShardScope ignored = ShardContext.bind(rule.shardOf(customer))) {
                insertRow(id, customer);
            }
        }

        @Transactional
        public void insertWherever(long id, long customer) {
            insertRow(id, customer);
        }

        @Sharded(rule = "orders", key = "#customer")
        @Transactional
        public void inTransactionOf(long customer, InTransaction work) throws Exception {
            work.run(jdbc);
        }

        private void insertRow(long id, long customer) {
            jdbc.update("insert into orders (id, customer_id, amount) values (?, ?, 1)", id, customer);
        }
    }

    /** Opens the transaction; the repository's inner method makes the mistake. */
    public static class OrderService {
        private final Orders orders;

        OrderService(Orders orders) {
            this.orders = Objects.requireNonNull(orders);
        }

        @Sharded(rule = "orders", key = "#first")
        @Transactional
        public void placeTwo(long first, long second) {
            orders.insertWherever(1, first);
            orders.insertBoundByHand(2, second);
        }
    }
}
