package io.shardkit.it.spring;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.it.support.ShardDatabaseSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * A small order service on the starter, written as an application would write it: a {@code JdbcTemplate} on
 * the routing DataSource, {@code @Sharded} repository methods with {@code @Transactional}, and a service that
 * places two orders in one transaction. The integration tests start it against real shards.
 *
 * <p>The beans are thread-safe.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class OrdersApplication {

    /** Starts the application on {@code shards} with a hash rule {@code orders} by {@code long} customer id. */
    public static ConfigurableApplicationContext start(ShardDatabaseSet shards, String... extraProperties) {
        Map<String, Object> properties = new LinkedHashMap<>(shards.shardkitProperties());
        properties.put("shardkit.rules.orders.strategy", "hash");
        properties.put("shardkit.rules.orders.key-type", "long");
        properties.put("shardkit.default-rule", "orders");
        properties.put("shardkit.health.timeout", "2s");
        // The example service's application*.yml is on this module's test classpath too (ExampleServiceLoadIT
        // starts that service); a config name no file has keeps this application to exactly what is set here.
        properties.put("spring.config.name", "shardkit-it-orders");
        for (String property : extraProperties) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        return new SpringApplicationBuilder(OrdersApplication.class).web(WebApplicationType.NONE)
                .properties(properties).run();
    }

    @Bean
    OrderRepository orderRepository(JdbcTemplate jdbc) {
        return new OrderRepository(jdbc);
    }

    @Bean
    OrderService orderService(OrderRepository repository) {
        return new OrderService(repository);
    }

    /** One order. */
    public record Order(long id, long customerId, long amountCents) {
    }

    static String bound() {
        Shard shard = ShardContext.current();
        return shard == null ? "<none>" : shard.name();
    }

    /** Orders, routed by customer. */
    public static class OrderRepository {
        private final JdbcTemplate jdbc;

        OrderRepository(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        /** Inserts the order on its customer's shard; returns that shard's name. */
        @Sharded(rule = "orders", key = "#order.customerId")
        @Transactional
        public String insert(Order order) {
            jdbc.update("INSERT INTO orders (id, customer_id, amount_cents) VALUES (?, ?, ?)", order.id(),
                    order.customerId(), order.amountCents());
            return bound();
        }

        /** Inserts, then fails: the transaction must roll the insert back. */
        @Sharded(key = "#order.customerId")
        @Transactional
        public void insertThenFail(Order order) {
            jdbc.update("INSERT INTO orders (id, customer_id, amount_cents) VALUES (?, ?, ?)", order.id(),
                    order.customerId(), order.amountCents());
            throw new IllegalStateException("boom after insert");
        }

        /** The ids of a customer's orders. */
        @Sharded(rule = "orders")
        public List<Long> findIds(@ShardKey long customerId) {
            return jdbc.queryForList("SELECT id FROM orders WHERE customer_id = ? ORDER BY id", Long.class,
                    customerId);
        }

        /** The shard any key routes to (no database call), for bad-key tests. */
        @Sharded(rule = "orders")
        public String shardOf(@ShardKey Object key) {
            return bound();
        }
    }

    /** Two orders in one transaction on the first order's customer's shard. */
    public static class OrderService {
        private final OrderRepository repository;

        OrderService(OrderRepository repository) {
            this.repository = repository;
        }

        @Sharded(key = "#first.customerId")
        @Transactional
        public void placeBoth(Order first, Order second) {
            repository.insert(first);
            repository.insert(second);
        }
    }
}
