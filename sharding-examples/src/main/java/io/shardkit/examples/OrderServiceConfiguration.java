package io.shardkit.examples;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRules;
import io.shardkit.spring.reshard.Resharders;
import io.shardkit.examples.analytics.PriceBandAnalytics;
import io.shardkit.examples.demo.DemoRunner;
import io.shardkit.examples.events.OrderPlacedEvents;
import io.shardkit.examples.merchant.MerchantSales;
import io.shardkit.examples.merchant.MerchantProfiles;
import io.shardkit.examples.merchant.MerchantService;
import io.shardkit.examples.order.OrderPlacement;
import io.shardkit.examples.order.OrderQueries;
import io.shardkit.examples.order.OrderRepository;
import io.shardkit.examples.order.OrderService;
import io.shardkit.examples.stats.ShardStatsRepository;
import io.shardkit.examples.stats.StatsService;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.scatter.ScatterGatherExecutor;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order service's beans on top of what shardkit's starter provides (shard registry, rules, routing
 * DataSource as the primary DataSource, its transaction manager, the {@code @Sharded} aspect, Flyway on every
 * shard for the order tables, Spring Data JDBC with its entity check, and, from {@code shardkit.outbox.*}, the
 * outbox tables, writer and relay): the directory table, the id generator, the in-process event log the relay
 * publishes to, and the services. The scatter-gather executor, which the page walks and the {@code @ScatterGather} /
 * {@code @Broadcast} methods share, is the starter's too ({@code shardkit.scatter-gather.*}).
 *
 * <p>Settings under {@code orders-demo.*}: {@code merchants} (how many merchants exist, default 200),
 * {@code page-token-secret} (signs page tokens, at least 32 bytes; {@code application.yml} has a development
 * default: set your own in production, the same on every instance), {@code event-log-capacity}.
 */
@Configuration(proxyBeanMethods = false)
public class OrderServiceConfiguration {

    /** The property holding the page token secret. */
    static final String PAGE_TOKEN_SECRET = "orders-demo.page-token-secret";

    /**
     * The order tables' names are plain SQL identifiers (H2 folds them to upper case, PostgreSQL to lower case), so
     * Spring Data JDBC is told to write them unquoted, as the migrations and the other queries do.
     */
    @Bean
    static BeanPostProcessor unquotedIdentifiers() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof RelationalMappingContext mapping) {
                    mapping.setForceQuote(false);
                }
                return bean;
            }
        };
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ShardSchema shardSchema(ShardRegistry registry,
                            @Value("${shardkit.rules.merchants.directory.table:shard_directory}") String table) {
        return new ShardSchema(registry, table);
    }

    @Bean
    ShardIdGenerator shardIdGenerator() {
        return ShardIdGenerator.ofDefaults();
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new TransactionTemplate(transactionManager);
    }

    @Bean
    OrderService orderService(OrderRepository repository, ShardingRules rules, ShardIdGenerator ids,
                              OutboxWriter outbox, DataSource dataSource, JsonMapper json, Clock clock) {
        return new OrderService(repository, rules, ids, outbox, dataSource, json, clock);
    }

    @Bean
    MerchantService merchantService(ShardingRules rules, ShardRegistry registry, JdbcTemplate jdbc,
                                    TransactionTemplate tx, Clock clock, MerchantProfiles profiles,
                                    ShardSchema schema, @Value("${orders-demo.merchants:200}") int merchants) {
        MerchantService service = new MerchantService(rules.rule(MerchantService.MERCHANTS_RULE), registry, jdbc,
                tx, clock, profiles);
        service.seed(merchants);
        return service;
    }

    @Bean
    OrderPlacement orderPlacement(OrderService orders, MerchantService merchants) {
        return new OrderPlacement(orders, merchants);
    }

    @Bean
    OrderQueries orderQueries(OrderRepository repository, ScatterGatherExecutor scatter, ShardingRules rules,
                              @Value("${" + PAGE_TOKEN_SECRET + "}") String secret) {
        try {
            return new OrderQueries(repository, scatter, rules.rule(OrderService.ORDERS_RULE), secret);
        } catch (ShardingConfigurationException e) {
            // The pager knows the rule it checks, not the property the secret came from: name it for the operator.
            throw new ShardingConfigurationException(PAGE_TOKEN_SECRET, e.getMessage(), e);
        }
    }

    @Bean
    StatsService statsService(ShardStatsRepository repository) {
        return new StatsService(repository);
    }

    /** The in-process event log; its listeners are the projections, which see each batch before it counts. */
    @Bean
    InMemoryOutboxPublisher eventLog(ShardingRules rules, MerchantService merchants, JdbcTemplate jdbc,
                                     TransactionTemplate tx, JsonMapper json,
                                     @Value("${orders-demo.event-log-capacity:1000}") int capacity) {
        return new InMemoryOutboxPublisher(capacity).addListener(new OrderPlacedEvents(json, List.of(
                new PriceBandAnalytics(rules.rule(PriceBandAnalytics.PRICE_BANDS_RULE), jdbc, tx),
                new MerchantSales(merchants, rules.rule(MerchantService.MERCHANTS_RULE), jdbc, tx))));
    }

    @Bean
    DemoRunner demoRunner(OrderPlacement placement, OrderService orders, OrderQueries queries, StatsService stats,
                          MerchantService merchants, InMemoryOutboxPublisher eventLog, OutboxRelay relay,
                          ShardRegistry registry, ShardingRules rules, ShardIdGenerator ids, JsonMapper json,
                          Clock clock, OutboxWriter outbox, ObjectProvider<Resharders> resharders) {
        return new DemoRunner(placement, orders, queries, stats, merchants, eventLog, relay, registry, rules, ids,
                json, clock, outbox.table(), resharders.getIfAvailable());
    }
}
