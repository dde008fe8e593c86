package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.outbox.TransactionalConnections;
import io.shardkit.spring.boot.actuate.OutboxShardHealthIndicator;
import io.shardkit.spring.outbox.OutboxRelayLifecycle;
import io.shardkit.spring.outbox.SpringTransactionalConnections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shard-local transactional outbox, when {@code shardkit.outbox.enabled=true}: the tables on every shard (per
 * {@code initialize-schema}), an {@link OutboxWriter} whose {@code append(routingDataSource, event)} joins the
 * caller's {@code @Transactional} transaction ({@link SpringTransactionalConnections}), and an
 * {@link OutboxRelay} over every shard of the {@link ShardRegistry}, publishing through the application's
 * {@link OutboxPublisher} bean, reporting to the {@link ShardingMetrics} bean, started once the context is
 * refreshed and stopped gracefully when it closes ({@link OutboxRelayLifecycle}), with an {@code outbox} health
 * component per shard when actuator health is present.
 *
 * <p>With the relay on ({@code shardkit.outbox.relay.enabled}, the default) the application must declare exactly
 * one {@code OutboxPublisher} (or mark one {@code @Primary}); otherwise the start fails saying so. There is no
 * default publisher on purpose: one that published to memory would mark events published that no consumer ever
 * sees. Declare an {@code InMemoryOutboxPublisher} bean for demos and tests.
 *
 * <p>Every bean backs off when the application declares its own of the same type.
 */
@AutoConfiguration(after = {ShardkitAutoConfiguration.class, ShardkitTransactionAutoConfiguration.class},
        afterName = "io.shardkit.spring.boot.autoconfigure.ShardkitMetricsAutoConfiguration")
@ConditionalOnBooleanProperty(name = OutboxProperties.PREFIX + ".enabled")
@ConditionalOnBean(ShardRegistry.class)
@EnableConfigurationProperties(OutboxProperties.class)
public final class ShardkitOutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxSchemaInitializer outboxSchemaInitializer(ShardRegistry registry, OutboxProperties properties) {
        return new OutboxSchemaInitializer(registry, properties.getInitializeSchema(), properties.effectiveTable(),
                properties.getLayout());
    }

    @Bean
    @ConditionalOnMissingBean
    TransactionalConnections outboxTransactionalConnections() {
        return new SpringTransactionalConnections();
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxWriter outboxWriter(OutboxProperties properties, TransactionalConnections connections,
                              ObjectProvider<OutboxSchemaInitializer> schema) {
        // Tables first: a bean appending events while it initialises must find them.
        schema.ifAvailable(initializer -> { });
        return OutboxConfigFactory.writer(properties, connections);
    }

    /**
     * The relay, unless this instance only writes events ({@code shardkit.outbox.relay.enabled=false}) or Debezium
     * relays the outbox ({@code shardkit.outbox.layout=debezium}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = OutboxProperties.PREFIX + ".relay.enabled", matchIfMissing = true)
    @ConditionalOnProperty(name = OutboxProperties.PREFIX + ".layout", havingValue = "shardkit", matchIfMissing = true)
    static class RelayConfiguration {

        @Bean
        @ConditionalOnMissingBean
        OutboxRelayConfig outboxRelayConfig(OutboxProperties properties) {
            return OutboxConfigFactory.relayConfig(properties);
        }

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        OutboxRelay outboxRelay(ShardRegistry registry, OutboxRelayConfig config,
                                ObjectProvider<OutboxPublisher> publishers, ObjectProvider<ShardingMetrics> metrics,
                                ObjectProvider<OutboxSchemaInitializer> schema) {
            schema.ifAvailable(initializer -> { });
            return OutboxRelay.builder(publisher(publishers)).shards(registry).config(config)
                    .metrics(metrics.getIfAvailable(() -> ShardingMetrics.NOOP)).build();
        }

        @Bean
        @ConditionalOnMissingBean
        OutboxRelayLifecycle outboxRelayLifecycle(OutboxRelay relay) {
            return new OutboxRelayLifecycle(relay);
        }

        private static OutboxPublisher publisher(ObjectProvider<OutboxPublisher> publishers) {
            OutboxPublisher publisher = publishers.getIfUnique();
            if (publisher != null) {
                return publisher;
            }
            List<String> found = publishers.stream().map(p -> p.getClass().getSimpleName()).toList();
            String property = OutboxProperties.PREFIX + ".relay.enabled";
            throw new ShardingConfigurationException(property, found.isEmpty()
                    ? "the outbox relay needs an OutboxPublisher bean but the context has none; declare one "
                    + "(InMemoryOutboxPublisher for demos and tests), or set " + property + "=false on instances "
                    + "that only write events"
                    : "the outbox relay needs one OutboxPublisher bean but the context has " + found.size() + " "
                    + found + "; mark one @Primary", null);
        }

        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
        static class HealthConfiguration {

            /** The {@code outbox} health component: one {@link OutboxShardHealthIndicator} per relayed shard. */
            @Bean
            @ConditionalOnEnabledHealthIndicator("outbox")
            @ConditionalOnMissingBean(name = "outboxHealthContributor")
            CompositeHealthContributor outboxHealthContributor(OutboxRelay relay) {
                Map<String, HealthIndicator> byShard = new LinkedHashMap<>();
                for (String shard : relay.stats().keySet()) {
                    byShard.put(shard, new OutboxShardHealthIndicator(relay, shard));
                }
                return CompositeHealthContributor.fromMap(byShard);
            }
        }
    }
}
