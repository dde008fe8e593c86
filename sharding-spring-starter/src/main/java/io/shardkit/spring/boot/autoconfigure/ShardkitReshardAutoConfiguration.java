package io.shardkit.spring.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.spring.reshard.Resharders;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Online resharding: the {@link Resharders} bean, with a write fence ({@code BucketWrites}) for every bucketed rule
 * and a {@code Resharder} for each rule under {@code shardkit.reshard.rules}, and, when the application has a
 * Micrometer {@link MeterRegistry}, the resharding meters of each rule ({@code shardkit.reshard.rows.copied},
 * {@code shardkit.reshard.fence}, {@code shardkit.reshard.journal.lag}, {@code shardkit.bucket.write.wait}).
 *
 * <p>Backs off when the application declares its own {@code Resharders}. A mistake under
 * {@code shardkit.reshard.*} fails the start naming the property.
 */
@AutoConfiguration(after = {ShardkitAutoConfiguration.class, ShardkitOutboxAutoConfiguration.class,
        ShardkitMetricsAutoConfiguration.class}, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnBean(ShardingRules.class)
public final class ShardkitReshardAutoConfiguration {

    /**
     * Ids minted for a bucketed rule are read with the layout of the application's {@link ShardIdGenerator}, as
     * the {@code bucketed-id} rules read them.
     */
    @Bean
    @ConditionalOnMissingBean
    Resharders resharders(ShardkitProperties properties, ShardingRules rules,
                          ObjectProvider<OutboxProperties> outbox, ObjectProvider<ShardIdGenerator> ids,
                          ObjectProvider<ReshardWatch> watch) {
        return ReshardersFactory.create(properties, rules, outbox.getIfAvailable(),
                IdGeneratorFactory.layoutOf(ids, properties.getIds()), watch.getIfAvailable(() -> ReshardWatch.NONE));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MetricsConfiguration {

        @Bean
        ReshardWatch shardkitReshardMeters(MeterRegistry registry) {
            return new MicrometerReshardWatch(registry);
        }
    }
}
