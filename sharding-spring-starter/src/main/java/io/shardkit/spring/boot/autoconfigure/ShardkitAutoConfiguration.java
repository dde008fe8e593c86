package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardGate;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.layout.LayoutFence;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.schema.DeferredMigrations;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Core auto-configuration: the {@link ShardRegistry} (one HikariCP pool per {@code shardkit.shards.*} entry, plus
 * any {@link ShardDataSources}), the {@link ShardingRules} of {@code shardkit.rules.*}, the {@link LayoutFence}
 * that keeps every shard closed until its database checked out ({@code shardkit.layout.*}), and the
 * {@link ShardRoutingDataSource} as the application's primary {@code DataSource}, so that JdbcTemplate, Spring
 * Data JDBC and JPA use it unchanged; and the {@link ShardIdGenerator} of {@code shardkit.ids.*}. Runs before
 * Boot's DataSource auto-configuration, which then backs off.
 *
 * <p>Every bean backs off when the application declares its own. Unknown {@code shardkit.*} properties and every
 * other mistake fail the start naming the property path, before any pool starts; the layout check runs when the
 * singletons are ready, or earlier, on the first connection any bean takes from a shard.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "shardkit.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ShardkitProperties.class)
public final class ShardkitAutoConfiguration {

    /** A class of the optional Kafka outbox module. */
    private static final String KAFKA_OUTBOX_CONFIG = "io.shardkit.outbox.kafka.KafkaOutboxConfig";

    /**
     * The property classes under {@code shardkit.*} whose keys are known. The Kafka outbox's keys are known only when
     * its module is on the class path; without it they are reported as unknown, which is what they then are.
     */
    static final List<UnknownProperties.Root> ROOTS = roots();

    private static List<UnknownProperties.Root> roots() {
        List<UnknownProperties.Root> roots = new ArrayList<>(List.of(
                new UnknownProperties.Root(ShardkitProperties.PREFIX, ShardkitProperties.class),
                new UnknownProperties.Root(OutboxProperties.PREFIX, OutboxProperties.class),
                new UnknownProperties.Root(ProblemDetailsProperties.PREFIX, ProblemDetailsProperties.class)));
        if (ClassUtils.isPresent(KAFKA_OUTBOX_CONFIG, ShardkitAutoConfiguration.class.getClassLoader())) {
            roots.add(new UnknownProperties.Root(KafkaOutboxProperties.PREFIX, KafkaOutboxProperties.class));
        }
        return List.copyOf(roots);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "shardkit.layout.enabled", matchIfMissing = true)
    LayoutFence shardkitLayoutFence(ShardkitProperties properties) {
        return LayoutFenceFactory.create(properties.getLayout());
    }

    /** Shards unreachable at start-up wait here for their migrations ({@code shardkit.schema.unreachable-shard}). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "shardkit.schema.unreachable-shard", havingValue = "defer")
    DeferredMigrations shardkitDeferredMigrations() {
        return new DeferredMigrations();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ShardRegistry shardRegistry(ShardkitProperties properties, Environment environment,
                                ObjectProvider<ShardDataSources> own, ObjectProvider<ShardPoolCustomizer> customizers,
                                ObjectProvider<LayoutFence> fence, ObjectProvider<ShardingRules> rules,
                                ObjectProvider<DeferredMigrations> deferred) {
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        UnknownProperties.check(sources, ROOTS, properties.isFailOnUnknownProperties());
        LayoutFence layout = fence.getIfAvailable();
        DeferredMigrations waiting = deferred.getIfAvailable();
        ShardGate.Factory gates = waiting == null ? layout : waiting.around(layout);
        ShardRegistry registry = ShardRegistryFactory.create(properties, sources, own.getIfAvailable(
                ShardDataSources::none), customizers.orderedStream().toList(), gates);
        if (layout != null) {
            // A bean that takes a connection while the context starts meets a checked layout, not an open one.
            layout.verifyOnFirstUse(registry, () -> rules.getObject().all());
        }
        return registry;
    }

    /** Checks the layout once every singleton exists, if no bean took a connection (and so checked it) before. */
    @Bean
    SmartInitializingSingleton shardkitLayoutCheck(ObjectProvider<LayoutFence> fence,
                                                   ObjectProvider<ShardRegistry> registry,
                                                   ObjectProvider<ShardingRules> rules) {
        return () -> {
            LayoutFence layout = fence.getIfAvailable();
            ShardRegistry shards = registry.getIfUnique();
            ShardingRules all = rules.getIfUnique();
            if (layout != null && shards != null && all != null && layout.guards(shards)) {
                layout.verify(shards, all.all());
            }
        };
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
        return ShardingRuleFactory.create(properties, registry, customizers.orderedStream().toList(),
                IdGeneratorFactory.layoutOf(ids, properties.getIds()));
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
        return ShardRoutingDataSource.create(registry).namingTransactionsBy(SpringTransactionNames::current);
    }
}
