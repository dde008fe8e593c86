package io.shardkit.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.metrics.MicrometerShardingMetrics;
import io.shardkit.metrics.ShardingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters, when the application has a {@link MeterRegistry}: {@link MicrometerShardingMetrics} (routed
 * calls per rule and shard, routing failures by exception type, see {@link io.shardkit.metrics.MeterNames}) and
 * HikariCP's pool meters ({@code hikaricp.connections.*}, tagged {@code pool=<shard>}) for each shard pool
 * shardkit built. Without a registry the interceptor reports to {@link ShardingMetrics#NOOP}.
 */
@AutoConfiguration(after = ShardkitAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, ShardRegistry.class})
public final class ShardkitMetricsAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ShardkitMetricsAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    ShardingMetrics shardingMetrics(MeterRegistry registry) {
        return new MicrometerShardingMetrics(registry);
    }

    /** Binds each shard pool's meters once every singleton exists (so also pools of user-declared shards). */
    @Bean
    SmartInitializingSingleton shardkitPoolMetricsBinder(ShardRegistry shards, MeterRegistry registry) {
        return () -> {
            for (Shard shard : shards.shards()) {
                bindPoolMetrics(shard, registry);
            }
        };
    }

    static void bindPoolMetrics(Shard shard, MeterRegistry registry) {
        if (shard.rawDataSource() instanceof HikariDataSource pool && pool.getMetricsTrackerFactory() == null
                && pool.getMetricRegistry() == null) {
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
            log.debug("shardkit: shard '{}' pool meters bound", shard.name());
        }
    }
}
