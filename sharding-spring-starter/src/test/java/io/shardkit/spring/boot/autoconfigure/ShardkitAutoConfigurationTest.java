package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.metrics.MicrometerShardingMetrics;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.spring.aop.ShardedAdvisor;
import io.shardkit.spring.testing.TestShards;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.H2ShardFixtures;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionManager;

/** What the auto-configurations contribute, and how they back off and take customizations. */
class ShardkitAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitTransactionAutoConfiguration.class, ShardkitAopAutoConfiguration.class,
                    ShardkitMetricsAutoConfiguration.class, DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("autoconfig"));

    @Test
    void shardsRulesAndThePrimaryRoutingDataSource() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            ShardRegistry registry = context.getBean(ShardRegistry.class);
            assertThat(registry.names()).containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
            HikariDataSource pool = (HikariDataSource) registry.shard("shard-1").rawDataSource();
            assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
            assertThat(pool.getMinimumIdle()).isEqualTo(1);
            assertThat(pool.getConnectionTimeout()).isEqualTo(3000);
            ShardingRules rules = context.getBean(ShardingRules.class);
            assertThat(rules.defaultRule()).map(ShardingRule::name).hasValue("orders");
            assertThat(rules.rule("orders").strategy().describe()).isEqualTo("hash(jump, 4 shards)");
            assertThat(context.getBean(DataSource.class)).isInstanceOf(ShardRoutingDataSource.class);
            assertThat(context).hasSingleBean(DataSource.class).hasSingleBean(ShardedAdvisor.class)
                    .doesNotHaveBean(ShardingMetrics.class);
            assertThat(context.getBean(TransactionManager.class)).isInstanceOf(DataSourceTransactionManager.class)
                    .extracting("dataSource").isSameAs(context.getBean(DataSource.class));
        });
    }

    @Test
    void aRuleMayNameItsShardsAndItsHashAlgorithm() {
        runner.withPropertyValues("shardkit.rules.pair.shards[0]=shard-3", "shardkit.rules.pair.shards[1]=shard-1",
                "shardkit.rules.pair.algorithm=modulo").run(context -> {
                    ShardingRule pair = context.getBean(ShardingRules.class).rule("pair");
                    assertThat(pair.shards()).extracting(s -> s.name()).containsExactly("shard-3", "shard-1");
                    assertThat(pair.strategy().describe()).isEqualTo("hash(modulo, 2 shards)");
                });
    }

    @Test
    void rangeDirectoryAndIdRulesAsInTheIssue() {
        runner.withPropertyValues("shardkit.rules.by-price.strategy=range", "shardkit.rules.by-price.key-type=long",
                "shardkit.rules.by-price.ranges[0].to=9000", "shardkit.rules.by-price.ranges[0].shard=shard-0",
                "shardkit.rules.by-price.ranges[1].from=9000", "shardkit.rules.by-price.ranges[1].shard=shard-1",
                "shardkit.rules.merchants.strategy=directory", "shardkit.rules.merchants.directory.shard=shard-0",
                "shardkit.rules.merchants.directory.cache.ttl=10m", "shardkit.rules.order-ids.strategy=id")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ShardingRules rules = context.getBean(ShardingRules.class);
                    ShardingRule byPrice = rules.rule("by-price");
                    assertThat(byPrice.shards()).extracting(s -> s.name()).containsExactly("shard-0", "shard-1");
                    assertThat(byPrice.shardOf(8999L).name()).isEqualTo("shard-0");
                    assertThat(byPrice.shardOf(9000L).name()).isEqualTo("shard-1");
                    assertThat(byPrice.shardOf(Long.MIN_VALUE).name()).isEqualTo("shard-0");
                    assertThat(rules.rule("merchants").strategy().describe())
                            .isEqualTo("directory(shard_directory on shard-0, 4 shards)");
                    assertThat(rules.rule("order-ids").shards()).hasSize(4);
                    assertThat(rules.rule("order-ids").strategy().describe()).startsWith("id");
                });
    }

    @Test
    void aBucketedRuleReadsOrSeedsItsMapOnTheShards() {
        runner.withPropertyValues("shardkit.rules.orders.strategy=bucketed", "shardkit.rules.orders.buckets=64")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    ShardingRule orders = context.getBean(ShardingRules.class).rule("orders");
                    assertThat(orders.strategy()).isInstanceOfSatisfying(io.shardkit.bucket.BucketedStrategy.class,
                            b -> {
                                assertThat(b.buckets()).isEqualTo(64);
                                assertThat(b.map().counts()).containsExactly(16, 16, 16, 16);
                            });
                    assertThat(orders.shardOf(42L)).isNotNull();
                });
    }

    @Test
    void aRangeWithADefaultShardTakesKeysOutsideEveryRange() {
        runner.withPropertyValues("shardkit.rules.band.strategy=range", "shardkit.rules.band.key-type=local-date",
                "shardkit.rules.band.ranges[0].from=2025-01-01", "shardkit.rules.band.ranges[0].to=2026-01-01",
                "shardkit.rules.band.ranges[0].shard=shard-2", "shardkit.rules.band.default-shard=shard-3")
                .run(context -> {
                    ShardingRule band = context.getBean(ShardingRules.class).rule("band");
                    assertThat(band.shardOf(java.time.LocalDate.of(2025, 6, 1)).name()).isEqualTo("shard-2");
                    assertThat(band.shardOf(java.time.LocalDate.of(2024, 6, 1)).name()).isEqualTo("shard-3");
                });
    }

    @Test
    void theTransactionManagerFallbackAppliesWithoutBootsOwn() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                        ShardkitTransactionAutoConfiguration.class))
                .withPropertyValues(TestShards.withOrdersRule("txfallback"))
                .run(context -> assertThat(context.getBean(TransactionManager.class))
                        .isInstanceOf(DataSourceTransactionManager.class).extracting("dataSource")
                        .isSameAs(context.getBean(ShardRoutingDataSource.class)));
    }

    @Test
    void applicationDataSourcesJoinAsShardsAfterTheConfiguredOnes() {
        DataSource own = H2ShardFixtures.dataSource("own");
        runner.withBean(ShardDataSources.class, () -> ShardDataSources.builder().shard("reporting", 4, own).build())
                .run(context -> {
                    ShardRegistry registry = context.getBean(ShardRegistry.class);
                    assertThat(registry.names()).containsExactly("shard-0", "shard-1", "shard-2", "shard-3",
                            "reporting");
                    assertThat(registry.shard("reporting").rawDataSource()).isSameAs(own);
                    assertThat(context.getBean(DataSource.class)).isInstanceOf(ShardRoutingDataSource.class);
                });
    }

    @Test
    void aShardNameUsedTwiceFailsTheStart() {
        DataSource own = H2ShardFixtures.dataSource("own");
        runner.withBean(ShardDataSources.class, () -> ShardDataSources.builder().shard("shard-2", 4, own).build())
                .run(context -> assertThat(
                        ShardkitPropertiesValidationTest.outermostConfigurationFailure(context.getStartupFailure()))
                        .isInstanceOf(ShardingConfigurationException.class)
                        .hasMessageContaining("shardkit.shards.shard-2")
                        .hasMessageContaining("also declared by the ShardDataSources bean"));
    }

    @Test
    void customizersAdjustPoolsAndRules() {
        runner.withBean(ShardPoolCustomizer.class,
                        () -> (shard, pool) -> pool.connectionTimeout(Duration.ofMillis(750)))
                .withBean(ShardingRulesCustomizer.class, () -> (registry, rules) -> rules.put("first-two",
                        new ShardingRule("first-two", List.of(registry.shard(0), registry.shard(1)),
                                ShardingStrategies.hash(2))))
                .run(context -> {
                    ShardRegistry registry = context.getBean(ShardRegistry.class);
                    assertThat(((HikariDataSource) registry.shard("shard-0").rawDataSource()).getConnectionTimeout())
                            .isEqualTo(750);
                    assertThat(context.getBean(ShardingRules.class).names()).containsExactly("orders", "first-two");
                });
    }

    @Test
    void withAMeterRegistryCallsAndPoolsAreMetered() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context.getBean(ShardingMetrics.class)).isInstanceOf(MicrometerShardingMetrics.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            for (String shard : context.getBean(ShardRegistry.class).names()) {
                assertThat(meters.get("hikaricp.connections.max").tag("pool", shard).gauge().value()).isEqualTo(4);
            }
        });
    }

    @Test
    void applicationBeansWin() {
        ShardRoutingDataSource own = ShardRoutingDataSource.create();
        runner.withBean(ShardRoutingDataSource.class, () -> own)
                .run(context -> assertThat(context.getBean(ShardRoutingDataSource.class)).isSameAs(own));
    }

    @Test
    void disabledMeansNothing() {
        runner.withPropertyValues("shardkit.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(ShardRegistry.class).doesNotHaveBean(ShardedAdvisor.class));
    }

    @Test
    void thePoolsCloseWithTheContext() {
        HikariDataSource[] pool = new HikariDataSource[1];
        runner.run(context -> pool[0] = (HikariDataSource) context.getBean(ShardRegistry.class).shard(0)
                .rawDataSource());
        assertThat(pool[0].isClosed()).isTrue();
    }
}
