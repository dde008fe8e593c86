package io.shardkit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.annotation.Sharded;
import io.shardkit.it.spring.StarterApplication;
import io.shardkit.it.support.Customers;
import io.shardkit.it.support.OrderTable;
import io.shardkit.strategy.ShardingStrategies;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * A connection of the routing DataSource stays on its shard on a real server: binding the second customer's
 * shard inside the first customer's transaction and writing (plain JDBC, {@code JdbcTemplate} in a
 * {@code @Transactional} method, a Hibernate session's own flush and the connection it hands to
 * {@code Session.doWork}) is refused with {@link CrossShardTransactionException} before the statement reaches
 * the server, and the transaction rolls back: neither shard holds a row afterwards. Each server gets a subclass.
 */
abstract class RealShardsConnectionGuardContract extends RealShardsFixture {

    ShardingRule orders;
    long customerA;
    long customerB;

    /** Hibernate's dialect for this server (set explicitly: no shard is bound while Hibernate starts). */
    abstract String hibernateDialect();

    @BeforeAll
    void createTables() throws SQLException {
        orders = ShardingRule.over("orders", registry, ShardingStrategies.hash(SHARDS));
        OrderTable.createOn(registry);
        customerA = Customers.firstOn(orders, registry.shard(0));
        customerB = Customers.firstOn(orders, registry.shard(1));
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        OrderTable.clear(registry);
    }

    @Test
    void plainJdbcBindingTheSecondShardInsideTheTransactionIsRefusedAndNothingIsStored() throws SQLException {
        try (ShardScope ofA = ShardContext.bind(orders.shardOf(customerA)); Connection c = routing.getConnection()) {
            c.setAutoCommit(false);
            OrderTable.insert(c, 1, customerA, 100);
            try (ShardScope ofB = ShardContext.bind(orders.shardOf(customerB))) {
                assertThatThrownBy(() -> OrderTable.insert(c, 2, customerB, 200))
                        .isInstanceOfSatisfying(CrossShardTransactionException.class, ex -> {
                            assertThat(ex.getShard()).isEqualTo("shard-1");
                            assertThat(ex.getBoundShard()).isEqualTo("shard-0");
                        });
            }
            c.rollback();
        }
        assertNoRowAnywhere();
    }

    @Test
    void jdbcTemplateInATransactionalMethodIsRefusedNamingTheMethodAndRollsBack() {
        try (ConfigurableApplicationContext context = StarterApplication.start(List.of(BindsByHand.class),
                databases)) {
            PlaceTwo service = context.getBean(PlaceTwo.class);
            ShardingRule rule = context.getBean(ShardingRules.class).rule("orders");
            long first = 1;
            long second = 2;
            while (rule.shardOf(second).equals(rule.shardOf(first))) {
                second++;
            }
            long other = second;
            assertThatThrownBy(() -> service.placeTwo(first, other))
                    .isInstanceOf(CrossShardTransactionException.class)
                    .hasMessageContaining("on a connection of shard '" + rule.shardOf(first).name() + "' held by the "
                            + "open transaction (opened by PlaceTwo.placeTwo)");
        }
        assertNoRowAnywhere();
    }

    @Test
    void hibernatesFlushAndTheConnectionItHandsToDoWorkAreGuarded() {
        try (SessionFactory sessions = sessionFactory()) {
            try (ShardScope ofA = ShardContext.bind(orders.shardOf(customerA));
                 Session session = sessions.openSession()) {
                session.beginTransaction();
                session.persist(new OrderEntity(1, customerA, 100));
                session.flush();
                try (ShardScope ofB = ShardContext.bind(orders.shardOf(customerB))) {
                    session.persist(new OrderEntity(2, customerB, 200));
                    assertThatThrownBy(session::flush).satisfies(ex -> assertThat(crossShardIn(ex))
                            .as("CrossShardTransactionException in %s", ex).isNotNull());
                    assertThatThrownBy(() -> session.doWork(c -> OrderTable.insert(c, 3, customerB, 300)))
                            .satisfies(ex -> assertThat(crossShardIn(ex)).as("in %s", ex).isNotNull());
                    assertThatThrownBy(() -> session.doWork(c -> prepare(c.unwrap(Connection.class))))
                            .satisfies(ex -> assertThat(crossShardIn(ex)).as("in %s", ex).isNotNull());
                }
                session.getTransaction().rollback();
            }
        }
        assertNoRowAnywhere();
    }

    private static void prepare(Connection c) throws SQLException {
        try (PreparedStatement ignored = c.prepareStatement("SELECT 1")) {
            // Preparing is enough: it is refused before the server sees it.
        }
    }

    private SessionFactory sessionFactory() {
        StandardServiceRegistry services = new StandardServiceRegistryBuilder()
                .applySettings(Map.of(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, routing,
                        AvailableSettings.DIALECT, hibernateDialect(),
                        // Hibernate would read JDBC metadata at boot, with no shard bound.
                        "hibernate.boot.allow_jdbc_metadata_access", "false",
                        AvailableSettings.HBM2DDL_AUTO, "none"))
                .build();
        return new MetadataSources(services).addAnnotatedClass(OrderEntity.class).buildMetadata()
                .buildSessionFactory();
    }

    private static CrossShardTransactionException crossShardIn(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof CrossShardTransactionException cross) {
                return cross;
            }
        }
        return null;
    }

    private void assertNoRowAnywhere() {
        for (Shard shard : registry.shards()) {
            try {
                assertThat(OrderTable.rowsOn(shard)).as("rows on %s", shard).isEmpty();
            } catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** The {@code orders} table as a JPA entity. */
    @Entity
    @Table(name = "orders")
    public static class OrderEntity {
        @Id
        private long id;
        @Column(name = "customer_id")
        private long customerId;
        @Column(name = "amount")
        private long amountCents;

        protected OrderEntity() {
        }

        OrderEntity(long id, long customerId, long amountCents) {
            this.id = id;
            this.customerId = customerId;
            this.amountCents = amountCents;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BindsByHand {

        @Bean
        PlaceTwo placeTwo(JdbcTemplate jdbc, ShardingRules rules) {
            return new PlaceTwo(jdbc, rules.rule("orders"));
        }
    }

    /** The mistake the guard stops: the second customer's shard bound by hand inside the first one's transaction. */
    public static class PlaceTwo {
        private final JdbcTemplate jdbc;
        private final ShardingRule rule;

        PlaceTwo(JdbcTemplate jdbc, ShardingRule rule) {
            this.jdbc = jdbc;
            this.rule = rule;
        }

        @Sharded(rule = "orders", key = "#first")
        @Transactional
        public void placeTwo(long first, long second) {
            insert(1, first);
            try (ShardScope ignored = ShardContext.bind(rule.shardOf(second))) {
                insert(2, second);
            }
        }

        private void insert(long id, long customer) {
            jdbc.update("INSERT INTO orders (id, customer_id, amount) VALUES (?, ?, 1)", id, customer);
        }
    }
}
