package io.shardkit.spring.boot.autoconfigure;

import static io.shardkit.spring.boot.autoconfigure.ShardkitPropertiesValidationTest.outermostConfigurationFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.spring.testing.TestShards;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A misspelt property under shardkit fails the start, saying which property was meant. */
class UnknownPropertiesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class));

    @Test
    void aMisspeltTopLevelProperty() {
        assertUnknown("shardkit.default-rul=orders", "Invalid configuration at 'shardkit.default-rul': unknown "
                + "property 'shardkit.default-rul' (from \"shardkit.default-rul\" from property source \"test\"); "
                + "did you mean 'shardkit.default-rule'?");
    }

    @Test
    void aMisspeltPoolProperty() {
        assertUnknown("shardkit.shards.shard-1.pool.maximum-pool-sise=5", "Invalid configuration at "
                + "'shardkit.shards.shard-1.pool.maximum-pool-sise': unknown property "
                + "'shardkit.shards.shard-1.pool.maximum-pool-sise' (from \"shardkit.shards.shard-1.pool"
                + ".maximum-pool-sise\" from property source \"test\"); did you mean "
                + "'shardkit.shards.shard-1.pool.maximum-pool-size'?");
    }

    @Test
    void aMisspeltShardUrl() {
        assertUnknown("shardkit.shards.shard-4.ulr=jdbc:h2:mem:x", "Invalid configuration at "
                + "'shardkit.shards.shard-4.ulr': unknown property 'shardkit.shards.shard-4.ulr' (from "
                + "\"shardkit.shards.shard-4.ulr\" from property source \"test\"); did you mean "
                + "'shardkit.shards.shard-4.url'?");
    }

    @Test
    void aPropertyNothingIsCloseTo() {
        assertUnknown("shardkit.rules.orders.flavour=vanilla", "Invalid configuration at "
                + "'shardkit.rules.orders.flavour': unknown property 'shardkit.rules.orders.flavour' (from "
                + "\"shardkit.rules.orders.flavour\" from property source \"test\")");
    }

    @Test
    void severalAreListedAndTheActionSaysHowToOnlyWarn() {
        runner.withPropertyValues(with("shardkit.default-rul=orders", "shardkit.scatter-gather.timout=1s"))
                .run(context -> {
                    ShardingConfigurationException failure = (ShardingConfigurationException)
                            outermostConfigurationFailure(context.getStartupFailure());
                    assertThat(failure.getMessage()).startsWith("Invalid configuration at 'shardkit.default-rul': "
                            + "2 unknown properties:\n  - 'shardkit.default-rul'")
                            .contains("\n  - 'shardkit.scatter-gather.timout' (from")
                            .endsWith("did you mean 'shardkit.scatter-gather.timeout'?");
                    assertThat(failure.getAction()).isEqualTo("Correct or remove them; "
                            + "shardkit.fail-on-unknown-properties=false logs unknown properties instead of failing "
                            + "the start.");
                });
    }

    @Test
    void onlyAWarningWhenAskedFor() {
        runner.withPropertyValues(with("shardkit.default-rul=orders", "shardkit.fail-on-unknown-properties=false"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ShardRegistry.class));
    }

    @Test
    void everyKnownPropertyPassesIncludingTheOutboxAndMaps() {
        runner.withPropertyValues(with("shardkit.outbox.table=outbox", "shardkit.outbox.relay.batch-size=10",
                        "shardkit.shards.shard-0.pool.data-source-properties.cachePrepStmts=true",
                        "shardkit.rules.pair.shards[0]=shard-0", "shardkit.rules.pair.shards[1]=shard-1",
                        "shardkit.layout.accepted-changes.orders=0123456789abcdef", "shardkit.health.timeout=2s"))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theProblemDetailsPropertiesAreKnown() {
        // They bind to their own properties class; the README's demo enables them in its application.yml.
        runner.withPropertyValues(with("shardkit.problem-details.enabled=true",
                        "shardkit.problem-details.retry-after=7s"))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theReshardingPropertiesAreKnown() {
        runner.withPropertyValues(with("shardkit.rules.orders.strategy=bucketed", "shardkit.rules.orders.seed-shards=2",
                        "shardkit.rules.ids.strategy=bucketed-id", "shardkit.rules.ids.buckets-rule=orders",
                        "shardkit.reshard.batch-size=10", "shardkit.reshard.concurrency=1",
                        "shardkit.reshard.max-rows-per-second=100", "shardkit.reshard.cleanup-delay=1m",
                        "shardkit.reshard.rules.orders.outbox=none",
                        "shardkit.reshard.rules.orders.outbox-aggregate-types[0]=Customer",
                        "shardkit.reshard.rules.orders.tables[0].table=orders",
                        "shardkit.reshard.rules.orders.tables[0].key-column=customer_id",
                        "shardkit.reshard.rules.orders.tables[0].id-column=id",
                        "shardkit.reshard.rules.orders.tables[1].table=order_items",
                        "shardkit.reshard.rules.orders.tables[1].parent-column=order_id",
                        "shardkit.reshard.rules.orders.tables[1].parent-table=orders"))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aMisspeltMovedTableColumn() {
        // With the entry's table beside it: an entry of nothing but unknown fields fails Boot's own binding.
        runner.withPropertyValues(with("shardkit.reshard.rules.orders.tables[0].table=orders",
                "shardkit.reshard.rules.orders.tables[0].key-colum=customer_id")).run(context -> {
                    Throwable failure = outermostConfigurationFailure(context.getStartupFailure());
                    assertThat(failure).isInstanceOf(ShardingConfigurationException.class).hasMessage(
                            "Invalid configuration at 'shardkit.reshard.rules.orders.tables[0].key-colum': unknown "
                            + "property 'shardkit.reshard.rules.orders.tables[0].key-colum' (from \"shardkit.reshard"
                            + ".rules.orders.tables[0].key-colum\" from property source \"test\"); did you mean "
                            + "'shardkit.reshard.rules.orders.tables[0].key-column'?");
                });
    }

    private static String[] with(String... more) {
        List<String> properties = new ArrayList<>(TestShards.properties("unknown"));
        properties.addAll(List.of(more));
        return properties.toArray(new String[0]);
    }

    private void assertUnknown(String property, String message) {
        runner.withPropertyValues(with(property)).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = outermostConfigurationFailure(context.getStartupFailure());
            assertThat(failure).isInstanceOf(ShardingConfigurationException.class).hasMessage(message);
            assertThat(((ShardingConfigurationException) failure).getAction()).isEqualTo("Correct or remove it; "
                    + "shardkit.fail-on-unknown-properties=false logs unknown properties instead of failing the "
                    + "start.");
        });
    }
}
