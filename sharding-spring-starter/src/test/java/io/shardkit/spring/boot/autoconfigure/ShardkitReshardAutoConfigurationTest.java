package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.metrics.MeterNames;
import io.shardkit.reshard.MoveReport;
import io.shardkit.reshard.OutboxBuckets;
import io.shardkit.reshard.ReshardConfig;
import io.shardkit.reshard.Resharder;
import io.shardkit.spring.reshard.Resharders;
import io.shardkit.spring.reshard.UnknownReshardRuleException;
import io.shardkit.spring.testing.BucketedOrders;
import io.shardkit.spring.testing.TestShards;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@link Resharders} bean from {@code shardkit.reshard.*}: present with the rules' movers and fences, gone when
 * the application has its own; seeded and bucketed-id rules; the mover's settings and outbox; the resharding meters
 * counting a real move.
 */
class ShardkitReshardAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitMetricsAutoConfiguration.class, ShardkitOutboxAutoConfiguration.class,
                    ShardkitReshardAutoConfiguration.class))
            .withPropertyValues(BucketedOrders.properties("reshard").toArray(new String[0]));

    @Test
    void aResharderForEachDeclaredRuleAndAFenceForEveryBucketedRule() {
        runner.withPropertyValues("shardkit.rules.prices.strategy=bucketed", "shardkit.rules.prices.buckets=8",
                "shardkit.rules.plain.strategy=hash").run(context -> {
                    Resharders resharders = context.getBean(Resharders.class);
                    assertThat(resharders.rules()).containsExactly("orders");
                    assertThat(resharders.bucketedRules()).containsExactly("orders", "prices");
                    Resharder orders = resharders.get("orders");
                    assertThat(orders.rule()).isSameAs(context.getBean(ShardingRules.class).rule("orders"));
                    assertThat(resharders.get("orders")).as("built per call").isNotSameAs(orders);
                    assertThat(resharders.bucketWrites("prices").rule().name()).isEqualTo("prices");
                    assertThatThrownBy(() -> resharders.get("prices")).isInstanceOf(UnknownReshardRuleException.class)
                            .hasMessage("No resharder for rule 'prices'; rules declared under shardkit.reshard.rules"
                                    + " are [orders]");
                    assertThatThrownBy(() -> resharders.bucketWrites("plain"))
                            .isInstanceOf(UnknownReshardRuleException.class).hasMessage("Rule 'plain' is not a "
                                    + "bucketed rule of shardkit.rules, so it has no bucket writes; bucketed rules"
                                    + " are [orders, prices]");
                });
    }

    @Test
    void backsOffForTheApplicationsOwnAndNeedsTheRules() {
        Resharders own = Resharders.of(Map.of(), Map.of());
        runner.withBean(Resharders.class, () -> own)
                .run(context -> assertThat(context.getBean(Resharders.class)).isSameAs(own));
        runner.withPropertyValues("shardkit.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Resharders.class));
    }

    @Test
    void seedShardsLeavesTheOtherShardsEmptyForAnExpansion() {
        runner.run(context -> {
            BucketedStrategy orders = (BucketedStrategy) context.getBean(ShardingRules.class).rule("orders")
                    .strategy();
            assertThat(orders.map().counts()).containsExactly(8, 8, 0, 0);
            assertThat(orders.map().shardNames()).containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
        });
    }

    @Test
    void theMoversSettingsComeFromTheProperties() {
        runner.withPropertyValues("shardkit.reshard.batch-size=250", "shardkit.reshard.max-rows-per-second=5000",
                "shardkit.reshard.concurrency=3", "shardkit.reshard.cleanup-delay=30s").run(context -> {
                    ReshardConfig config = context.getBean(Resharders.class).get("orders").config();
                    assertThat(config.batchSize()).isEqualTo(250);
                    assertThat(config.maxRowsPerSecond()).isEqualTo(5000);
                    assertThat(config.concurrency()).isEqualTo(3);
                    assertThat(config.cleanupDelay()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(config.outboxTable()).as("no outbox").isNull();
                });
        runner.run(context -> assertThat(context.getBean(Resharders.class).get("orders").config().toString())
                .isEqualTo(ReshardConfig.ofDefaults().toString()));
    }

    @Test
    void theOutboxsPendingEventsMoveByShardKeyOrBucketedId() {
        ApplicationContextRunner outbox = runner.withPropertyValues("shardkit.outbox.enabled=true",
                "shardkit.outbox.relay.enabled=false");
        outbox.run(context -> {
            ReshardConfig config = context.getBean(Resharders.class).get("orders").config();
            assertThat(config.outboxTable()).isEqualTo("outbox");
            BucketedStrategy strategy = (BucketedStrategy) context.getBean(ShardingRules.class).rule("orders")
                    .strategy();
            OutboxBuckets buckets = Objects.requireNonNull(config.outboxBuckets());
            assertThat(buckets.bucketOf("Customer", "42")).isEqualTo(strategy.bucketOf("orders", 42L));
            assertThat(buckets.bucketOf("Customer", "not-a-long")).as("not the rule's").isNegative();
        });
        outbox.withPropertyValues("shardkit.reshard.rules.orders.outbox=by-bucketed-id",
                "shardkit.reshard.rules.orders.outbox-aggregate-types=Order").run(context -> {
                    ReshardConfig config = context.getBean(Resharders.class).get("orders").config();
                    long id = context.getBean(ShardIdGenerator.class).nextIdFor(context.getBean(ShardingRules.class)
                            .rule("orders"), 42L);
                    BucketedStrategy strategy = (BucketedStrategy) context.getBean(ShardingRules.class)
                            .rule("orders").strategy();
                    OutboxBuckets buckets = Objects.requireNonNull(config.outboxBuckets());
                    assertThat(buckets.bucketOf("Order", Long.toString(id))).isEqualTo(strategy.bucketOf("orders",
                            42L));
                    assertThat(buckets.bucketOf("Customer", Long.toString(id))).as("another aggregate").isNegative();
                });
        outbox.withPropertyValues("shardkit.reshard.rules.orders.outbox=none")
                .run(context -> assertThat(context.getBean(Resharders.class).get("orders").config().outboxTable())
                        .isNull());
    }

    @Test
    void idsMintedForTheBucketedRuleFollowTheirBucketAcrossAMove() {
        runner.withPropertyValues("shardkit.rules.order-ids.strategy=bucketed-id",
                "shardkit.rules.order-ids.buckets-rule=orders").run(context -> {
                    ShardingRules rules = context.getBean(ShardingRules.class);
                    ShardingRule orders = rules.rule("orders");
                    ShardingRule ids = rules.rule("order-ids");
                    assertThat(ids.shards()).isEqualTo(orders.shards());
                    long id = context.getBean(ShardIdGenerator.class).nextIdFor(orders, 42L);
                    assertThat(ids.shardOf(id)).isEqualTo(orders.shardOf(42L));
                    int bucket = ((BucketedStrategy) orders.strategy()).bucketOf("orders", 42L);
                    TestShards.createOrdersTable(context.getBean(ShardRegistry.class));
                    context.getBean(Resharders.class).get("orders").move(bucket, "shard-3");
                    assertThat(ids.shardOf(id).name()).isEqualTo("shard-3").isEqualTo(orders.shardOf(42L).name());
                });
    }

    @Test
    void theMetersCountARealMoveAndFencedWrites() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            Resharders resharders = context.getBean(Resharders.class);
            ShardingRule orders = context.getBean(ShardingRules.class).rule("orders");
            BucketedOrders.place(context.getBean(ShardRegistry.class), resharders.bucketWrites("orders"), 200);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(MeterNames.BUCKET_WRITE_WAIT).tag("rule", "orders").timer().count()).isEqualTo(200);
            assertThat(meters.get(MeterNames.RESHARD_JOURNAL_LAG).tag("rule", "orders").gauge().value()).isZero();
            int bucket = ((BucketedStrategy) orders.strategy()).bucketOf("orders", 7L);
            MoveReport report = resharders.get("orders").move(bucket, "shard-2");
            assertThat(report.rowsCopied()).isPositive();
            assertThat(meters.get(MeterNames.RESHARD_ROWS_COPIED).tag("rule", "orders").counter().count())
                    .isEqualTo(report.rowsCopied());
            assertThat(meters.get(MeterNames.RESHARD_FENCE).tag("rule", "orders").timer().count()).isOne();
            BucketedOrders.assertOnOwners(orders, 200);
        });
    }

    @Test
    void withoutARegistryThereAreNoMetersAndMovesRunAllTheSame() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(MeterRegistry.class).doesNotHaveBean(ReshardWatch.class);
            ShardingRule orders = context.getBean(ShardingRules.class).rule("orders");
            Resharders resharders = context.getBean(Resharders.class);
            BucketedOrders.place(context.getBean(ShardRegistry.class), resharders.bucketWrites("orders"), 20);
            assertThat(resharders.get("orders").move(((BucketedStrategy) orders.strategy()).bucketOf("orders", 3L),
                    "shard-3").buckets()).hasSize(1);
            BucketedOrders.assertOnOwners(orders, 20);
        });
    }
}
