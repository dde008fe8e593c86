package io.shardkit.spring.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A small order service on shardkit, as an application would write it: a {@code JdbcTemplate} on the routing
 * DataSource, {@code @Sharded} repository methods with {@code @Transactional}, a service that places two orders in
 * one transaction, and key holders of every supported kind. The starter's integration tests start it on H2
 * shards, sharding-it's on real servers (table {@code orders (id, customer_id, amount)}).
 *
 * <p>The beans are thread-safe.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class RoutingTestApplication {

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    OrderRepository orderRepository(JdbcTemplate jdbc) {
        return new OrderRepository(jdbc);
    }

    @Bean
    OrderService orderService(OrderRepository repository) {
        return new OrderService(repository);
    }

    @Bean
    CustomerQueries customerQueries() {
        return new CustomerQueries();
    }

    public record Order(long id, long customerId, long amount) {
        /** A key method that throws, as user code may: the failure must reach the caller typed. */
        public long failingKey() {
            throw new IllegalStateException("no key for order " + id);
        }
    }

    public record Customer(long id) {
    }

    public record Cart(Customer customer) {
    }

    /** A JavaBean key holder. */
    public static class OrderBean {
        private final long customerId;

        public OrderBean(long customerId) {
            this.customerId = customerId;
        }

        public long getCustomerId() {
            return customerId;
        }
    }

    /** What a routed call saw: its shard, whether a transaction was open, and the url of its connection. */
    public record Seen(String shard, boolean transactional, String url) {
    }

    static String bound() {
        Shard shard = ShardContext.current();
        return shard == null ? "<none>" : shard.name();
    }

    public static class OrderRepository {
        private final JdbcTemplate jdbc;

        OrderRepository(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @Sharded(rule = "orders", key = "#order.customerId")
        @Transactional
        public String insert(Order order) {
            jdbc.update("insert into orders (id, customer_id, amount) values (?, ?, ?)", order.id(),
                    order.customerId(), order.amount());
            return bound();
        }

        @Sharded(key = "#order.customerId")
        @Transactional
        public void insertThenFail(Order order) {
            insertRow(order);
            throw new IllegalStateException("boom after insert");
        }

        @Sharded(rule = "orders")
        public List<Long> findIds(@ShardKey long customerId) {
            return jdbc.queryForList("select id from orders where customer_id = ? order by id", Long.class,
                    customerId);
        }

        @Sharded(rule = "orders")
        @Transactional
        public Seen seen(@ShardKey long customerId) throws SQLException {
            DataSource dataSource = Objects.requireNonNull(jdbc.getDataSource());
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return new Seen(bound(), TransactionSynchronizationManager.isActualTransactionActive(),
                        connection.getMetaData().getURL());
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }

        @Sharded(rule = "orders")
        public String shardOfBean(@ShardKey("customerId") OrderBean order) {
            return bound();
        }

        @Sharded(rule = "orders")
        public String shardOfMap(@ShardKey("customerId") Map<String, Object> order) {
            return bound();
        }

        @Sharded(rule = "orders", key = "#order.customerId")
        public String shardOfMapSpel(Map<String, Object> order) {
            return bound();
        }

        @Sharded(rule = "orders")
        public String shardOfCart(@ShardKey("customer.id") Cart cart) {
            return bound();
        }

        @Sharded(rule = "orders", key = "#p0")
        public String shardOfNullable(@Nullable Long customerId) {
            return bound();
        }

        @Sharded(rule = "orders")
        public String shardOfAnything(@ShardKey Object key) {
            return bound();
        }

        @Sharded(rule = "orders", key = "#order.failingKey()")
        public String badExpression(Order order) {
            return bound();
        }

        private void insertRow(Order order) {
            jdbc.update("insert into orders (id, customer_id, amount) values (?, ?, ?)", order.id(),
                    order.customerId(), order.amount());
        }
    }

    public static class OrderService {
        private final OrderRepository repository;

        OrderService(OrderRepository repository) {
            this.repository = repository;
        }

        /** Both orders in one transaction on the first order's customer's shard. */
        @Sharded(key = "#first.customerId")
        @Transactional
        public void placeBoth(Order first, Order second) {
            repository.insert(first);
            repository.insert(second);
        }
    }

    /** Class-level {@code @Sharded}: every public method routes by its {@code @ShardKey}. */
    @Sharded(rule = "orders")
    public static class CustomerQueries {

        public String shardOf(@ShardKey long customerId) {
            return bound();
        }
    }
}
