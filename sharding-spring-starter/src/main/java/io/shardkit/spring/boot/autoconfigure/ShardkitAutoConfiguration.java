package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.routing.ShardRoutingDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Core auto-configuration: the {@link ShardRegistry} (one HikariCP pool per {@code shardkit.shards.*} entry, plus
 * any {@link ShardDataSources}), the {@link ShardingRules} of {@code shardkit.rules.*}, and the
 * {@link ShardRoutingDataSource} as the application's primary {@code DataSource}, so that JdbcTemplate, Spring
 * Data JDBC and JPA use it unchanged. Runs before Boot's DataSource auto-configuration, which then backs off.
 *
 * <p>Every bean backs off when the application declares its own. The configuration is validated before any
 * pool starts; a mistake fails the start naming the property path.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "shardkit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ShardkitProperties.class)
public final class ShardkitAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ShardRegistry shardRegistry(ShardkitProperties properties, ObjectProvider<ShardDataSources> own,
                                ObjectProvider<ShardPoolCustomizer> customizers) {
        return ShardRegistryFactory.create(properties, own.getIfAvailable(ShardDataSources::none),
                customizers.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    ShardingRules shardingRules(ShardkitProperties properties, ShardRegistry registry,
                                ObjectProvider<ShardingRulesCustomizer> customizers) {
        return ShardingRuleFactory.create(properties, registry, customizers.orderedStream().toList());
    }

    /**
     * The routing DataSource, primary so that everything wanting "the" DataSource gets it, even when the
     * application declares its shards' DataSources as beans too. It refuses connections while no shard is bound.
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean
    ShardRoutingDataSource shardRoutingDataSource() {
        return ShardRoutingDataSource.create();
    }
}
