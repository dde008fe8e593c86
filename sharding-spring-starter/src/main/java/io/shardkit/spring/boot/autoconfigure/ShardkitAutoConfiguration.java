package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.id.IdLayout;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.routing.ShardRoutingDataSource;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;

/**
 * Core auto-configuration: the {@link ShardRegistry} (one HikariCP pool per {@code shardkit.shards.*} entry, plus
 * any {@link ShardDataSources}), the {@link ShardingRules} of {@code shardkit.rules.*}, and the
 * {@link ShardRoutingDataSource} as the application's primary {@code DataSource}, so that JdbcTemplate, Spring
 * Data JDBC and JPA use it unchanged; and the {@link ShardIdGenerator} of {@code shardkit.ids.*}. Runs before
 * Boot's DataSource auto-configuration, which then backs off.
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

    /**
     * Id rules decode ids with the layout of the application's {@link ShardIdGenerator} (this starter's, from
     * {@code shardkit.ids.*}, or one of its own), so minting and decoding cannot disagree.
     */
    @Bean
    @ConditionalOnMissingBean
    ShardingRules shardingRules(ShardkitProperties properties, ShardRegistry registry,
                                ObjectProvider<ShardingRulesCustomizer> customizers,
                                ObjectProvider<ShardIdGenerator> ids) {
        Supplier<IdLayout> idLayout = () -> {
            ShardIdGenerator generator = ids.getIfUnique();
            return generator != null ? generator.layout() : IdGeneratorFactory.layout(properties.getIds());
        };
        return ShardingRuleFactory.create(properties, registry, customizers.orderedStream().toList(), idLayout);
    }

    /**
     * The id generator of {@code shardkit.ids.*}. Lazy, so that an application that mints no ids and has no
     * {@code id} rule neither makes one nor gets the start-up warning about a layout without node bits; the
     * properties are validated at start-up all the same.
     */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    ShardIdGenerator shardIdGenerator(ShardkitProperties properties) {
        return IdGeneratorFactory.warnIfSingleNode(IdGeneratorFactory.generator(properties.getIds()));
    }

    /**
     * The routing DataSource, primary so that everything wanting "the" DataSource gets it, even when the
     * application declares its shards' DataSources as beans too. While no shard is bound it hands out only a
     * metadata-only connection, answered by the shards, for what frameworks ask at start-up.
     */
    @Bean
    @Primary
    @ConditionalOnMissingBean
    ShardRoutingDataSource shardRoutingDataSource(ShardRegistry registry) {
        return ShardRoutingDataSource.create(registry);
    }
}
