package io.shardkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.kafka.KafkaOutboxConfig;
import io.shardkit.outbox.kafka.KafkaOutboxMetrics;
import io.shardkit.outbox.kafka.KafkaOutboxPublisher;
import io.shardkit.outbox.kafka.OutboxTopics;
import io.shardkit.spring.outbox.KafkaProducerMeters;
import io.shardkit.spring.outbox.MicrometerKafkaOutboxMetrics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox relay's publisher for Kafka, when {@code sharding-outbox-kafka} (and so {@code kafka-clients}) is on the
 * class path, {@code shardkit.outbox.enabled=true}, the polling relay runs on this instance (not with the debezium
 * layout) and the application declares no {@link OutboxPublisher} of its own: a {@link KafkaOutboxPublisher} with
 * its own idempotent producer, built from {@code shardkit.outbox.kafka.*}, closed with the context (after the
 * relay, which its lifecycle stops first). With a
 * {@link MeterRegistry}, batches are timed ({@link MicrometerKafkaOutboxMetrics}) and the producer's own meters
 * bound ({@code kafka.producer.*}).
 *
 * <p>A missing {@code bootstrap-servers} or a producer property that would break the outbox's guarantees fails the
 * start naming the property.
 */
@AutoConfiguration(before = ShardkitOutboxAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({KafkaOutboxPublisher.class, KafkaProducer.class})
@ConditionalOnBooleanProperty(name = OutboxProperties.PREFIX + ".enabled")
@ConditionalOnBooleanProperty(name = OutboxProperties.PREFIX + ".relay.enabled", matchIfMissing = true)
@ConditionalOnProperty(name = OutboxProperties.PREFIX + ".layout", havingValue = "shardkit", matchIfMissing = true)
@EnableConfigurationProperties(KafkaOutboxProperties.class)
public final class ShardkitKafkaOutboxAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(OutboxPublisher.class)
    KafkaOutboxPublisher kafkaOutboxPublisher(KafkaOutboxProperties properties,
                                              ObjectProvider<KafkaOutboxMetrics> metrics) {
        String prefix = KafkaOutboxProperties.PREFIX + ".";
        if (properties.getBootstrapServers().isEmpty()) {
            throw new ShardingConfigurationException(prefix + "bootstrap-servers", "is required by the outbox's "
                    + "Kafka publisher (host:port of one or more brokers); or declare an OutboxPublisher bean of "
                    + "your own, or set " + OutboxProperties.PREFIX + ".relay.enabled=false on instances that only "
                    + "write events", null);
        }
        KafkaOutboxConfig.Builder config = KafkaOutboxConfig.custom()
                .metrics(metrics.getIfAvailable(() -> KafkaOutboxMetrics.NOOP));
        set(prefix + "send-timeout", () -> config.sendTimeout(properties.getSendTimeout()));
        String topic = properties.getTopic();
        set(topic != null ? prefix + "topic" : prefix + "topic-prefix", () -> config.topics(topic != null
                ? OutboxTopics.fixed(topic) : OutboxTopics.perAggregateType(properties.getTopicPrefix())));
        Map<String, Object> producer = new HashMap<>(properties.getProducer());
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", properties.getBootstrapServers()));
        KafkaOutboxConfig built = config.build();
        KafkaOutboxPublisher[] publisher = new KafkaOutboxPublisher[1];
        set(prefix + "producer", () -> publisher[0] = KafkaOutboxPublisher.create(producer, built));
        return publisher[0];
    }

    private static void set(String property, Runnable setter) {
        try {
            setter.run();
        } catch (ShardingConfigurationException ex) {
            throw new ShardingConfigurationException(property, ex.getMessage(), ex);
        }
    }

    /** Batch timings and the producer's own meters, with a Micrometer registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        KafkaOutboxMetrics kafkaOutboxMetrics(MeterRegistry registry) {
            return new MicrometerKafkaOutboxMetrics(registry);
        }

        /** The producer's own meters; binds nothing when the application declared a publisher of its own. */
        @Bean(destroyMethod = "close")
        KafkaProducerMeters kafkaOutboxProducerMeters(ObjectProvider<KafkaOutboxPublisher> publisher) {
            return new KafkaProducerMeters(publisher);
        }
    }
}
