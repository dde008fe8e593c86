package io.shardkit.benchmarks.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.boot.autoconfigure.ShardkitAopAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitMetricsAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitTransactionAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitTransactionFailuresAutoConfiguration;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * Peer (b'), shardkit as a Spring application uses it: a minimal Spring context with the starter's core,
 * transaction, AOP, transaction-failure and metrics auto-configurations (shards and rule from {@code shardkit.*}
 * properties, the routing DataSource, its {@code JdbcTransactionManager}, the {@code @Sharded} advisor, the advisor
 * that types failures of {@code @Transactional} methods, shardkit's and the pools' meters) and
 * {@code @EnableTransactionManagement}, calling a {@link ShardedOrderRepository} through its JDK proxy. A
 * {@link SimpleMeterRegistry} is the application's registry, so every call is timed in a real meter, as in an
 * application with Micrometer.
 *
 * <p>The shards, the pool size (minimum idle = maximum) and the hash rule over {@code ds_0..ds_(n-1)} are those
 * of every other peer. Thread-safe.
 */
final class SpringShardedStore implements OrderStore {

    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    private final OrderRepository repository;

    /** @param perCallMeters time calls the former way, registering the timer per call ({@link PerCallMeters}) */
    SpringShardedStore(H2Shards shards, int poolSize, boolean perCallMeters) {
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("benchmark", properties(shards, poolSize)));
        context.register(ShardedRepositoryConfiguration.class);
        if (perCallMeters) {
            context.registerBean(ShardingMetrics.class, () -> new PerCallMeters(context.getBean(MeterRegistry.class)));
        }
        context.refresh();
        this.repository = context.getBean(OrderRepository.class);
    }

    /** The registry the calls are recorded in, for tests that the meters are on. */
    MeterRegistry registry() {
        return context.getBean(MeterRegistry.class);
    }

    /** The starter's properties describing the shards, their pools and the {@code orders} hash rule. */
    static Map<String, Object> properties(H2Shards shards, int poolSize) {
        Map<String, Object> properties = new LinkedHashMap<>();
        StringJoiner names = new StringJoiner(",");
        for (int i = 0; i < shards.count(); i++) {
            String prefix = "shardkit.shards." + H2Shards.shardName(i) + ".";
            properties.put(prefix + "index", i);
            properties.put(prefix + "url", shards.url(i));
            properties.put(prefix + "username", "sa");
            properties.put(prefix + "password", "");
            properties.put(prefix + "pool.maximum-pool-size", poolSize);
            properties.put(prefix + "pool.minimum-idle", poolSize);
            names.add(H2Shards.shardName(i));
        }
        properties.put("shardkit.rules." + H2Shards.RULE + ".strategy", "hash");
        // Listed, so that slot i is ds_i whatever order the properties are bound in: the others' placement.
        properties.put("shardkit.rules." + H2Shards.RULE + ".shards", names.toString());
        return properties;
    }

    /** The repository bean as the application sees it: the proxy, for tests of its advice. */
    OrderRepository repository() {
        return repository;
    }

    @Override
    public @Nullable Order find(long orderId) throws SQLException {
        return repository.find(orderId);
    }

    @Override
    public void insert(Order order) throws SQLException {
        repository.insert(order);
    }

    /** Closes the context, and with it the shard registry and its pools. */
    @Override
    public void close() {
        context.close();
    }

    /** The application: the starter's auto-configurations, Spring's transactions and the repository. */
    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    @ImportAutoConfiguration({ShardkitAutoConfiguration.class, ShardkitTransactionAutoConfiguration.class,
            ShardkitAopAutoConfiguration.class, ShardkitTransactionFailuresAutoConfiguration.class,
            ShardkitMetricsAutoConfiguration.class})
    static class ShardedRepositoryConfiguration {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        OrderRepository orderRepository(ShardRoutingDataSource routing) {
            return new ShardedOrderRepository(routing);
        }
    }
}
