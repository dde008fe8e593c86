package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.spring.testing.TestShards;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Misconfiguration fails the start, naming the property path at fault, before any pool starts. */
class ShardkitPropertiesValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class));

    @Test
    void noShards() {
        assertFailure(List.of(), "shardkit.shards", "no shards are configured");
    }

    @Test
    void missingUrl() {
        assertFailure(List.of("shardkit.shards.shard-0.username=sa"), "shardkit.shards.shard-0.url",
                "is required");
    }

    @Test
    void urlThatIsNotJdbc() {
        assertFailure(List.of("shardkit.shards.shard-0.url=postgres://db0"), "shardkit.shards.shard-0.url",
                "must be a JDBC url");
    }

    @Test
    void unknownShardInARule() {
        assertFailure(with("shardkit.rules.orders.shards[0]=shard-0", "shardkit.rules.orders.shards[1]=shard-9"),
                "shardkit.rules.orders.shards[1]", "unknown shard 'shard-9'; known shards are [shard-0, shard-1, "
                        + "shard-2, shard-3]");
    }

    @Test
    void shardListedTwiceInARule() {
        assertFailure(with("shardkit.rules.orders.shards[0]=shard-0", "shardkit.rules.orders.shards[1]=shard-0"),
                "shardkit.rules.orders.shards[1]", "listed twice");
    }

    @Test
    void unknownDefaultRule() {
        assertFailure(with("shardkit.rules.orders.strategy=hash", "shardkit.default-rule=order"),
                "shardkit.default-rule", "rule 'order' does not exist; rules are [orders]");
    }

    @Test
    void overlappingRanges() {
        assertFailure(with("shardkit.rules.by-price.strategy=range", "shardkit.rules.by-price.key-type=long",
                        "shardkit.rules.by-price.ranges[0].to=9000", "shardkit.rules.by-price.ranges[0].shard=shard-0",
                        "shardkit.rules.by-price.ranges[1].from=8000",
                        "shardkit.rules.by-price.ranges[1].shard=shard-1"),
                "shardkit.rules.by-price.ranges[1]", "range #1 [8000..+inf) -> 'shard-1' overlaps range #0 "
                        + "(-inf..9000) -> 'shard-0'; each key must fall in exactly one range");
    }

    @Test
    void rangeBoundOfTheWrongType() {
        assertFailure(with("shardkit.rules.by-price.strategy=range", "shardkit.rules.by-price.key-type=long",
                        "shardkit.rules.by-price.ranges[0].to=cheap",
                        "shardkit.rules.by-price.ranges[0].shard=shard-0"),
                "shardkit.rules.by-price.ranges[0].to", "[cheap] is not a Long");
    }

    @Test
    void rangeRuleWithoutKeyType() {
        assertFailure(with("shardkit.rules.by-price.strategy=range", "shardkit.rules.by-price.ranges[0].to=9",
                "shardkit.rules.by-price.ranges[0].shard=shard-0"), "shardkit.rules.by-price.key-type",
                "a range rule needs a key-type");
    }

    @Test
    void rangesOnAHashRule() {
        assertFailure(with("shardkit.rules.orders.strategy=hash", "shardkit.rules.orders.ranges[0].to=9",
                "shardkit.rules.orders.ranges[0].shard=shard-0"), "shardkit.rules.orders.ranges",
                "only range rules take ranges");
    }

    @Test
    void directoryOnAnUnknownShard() {
        assertFailure(with("shardkit.rules.merchants.strategy=directory",
                "shardkit.rules.merchants.directory.shard=shard-7"), "shardkit.rules.merchants.directory.shard",
                "unknown shard 'shard-7'");
    }

    @Test
    void poolSettingRefusedByTheCore() {
        assertFailure(with("shardkit.shards.shard-2.pool.maximum-pool-size=0"),
                "shardkit.shards.shard-2.pool.maximum-pool-size", "maximumPoolSize must be >= 1 but was 0");
    }

    @Test
    void rangeOnAnIntegerKeyTypeIsRefusedWithTheAlternative() {
        assertFailure(with("shardkit.rules.by-price.strategy=range", "shardkit.rules.by-price.key-type=integer",
                        "shardkit.rules.by-price.ranges[0].to=9000", "shardkit.rules.by-price.ranges[0].shard=shard-0"),
                "shardkit.rules.by-price.key-type", "range keys must be one of [Long, BigDecimal, String, LocalDate, "
                        + "Instant] but were [java.lang.Integer]; use Long for int, short and byte keys");
    }

    @Test
    void idRuleOverMoreShardsThanIdsCanName() {
        assertFailure(with("shardkit.rules.order-ids.strategy=id", "shardkit.rules.order-ids.shards[0]=shard-0",
                "shardkit.rules.order-ids.shards[1]=shard-0"), "shardkit.rules.order-ids.shards[1]", "listed twice");
    }

    @Test
    void idLayoutFieldsOutOfRange() {
        assertFailure(with("shardkit.ids.layout.shard-bits=0"), "shardkit.ids.layout.shard-bits",
                "shardBits must be in [1..16] but was 0");
        assertFailure(with("shardkit.ids.layout.node-bits=11"), "shardkit.ids.layout.node-bits",
                "nodeBits must be in [0..10] but was 11");
        assertFailure(with("shardkit.ids.layout.sequence-bits=3"), "shardkit.ids.layout.sequence-bits",
                "sequenceBits must be in [4..23] but was 3");
        assertFailure(with("shardkit.ids.layout.epoch=2100-01-02T00:00:00Z"), "shardkit.ids.layout.epoch",
                "epoch must be a whole millisecond");
    }

    @Test
    void idLayoutLeavingTooFewTimeBits() {
        assertFailure(with("shardkit.ids.layout.shard-bits=12", "shardkit.ids.layout.node-bits=4"),
                "shardkit.ids.layout", "time bits = 63 - shardBits 12 - nodeBits 4 - sequenceBits 12 = 35");
    }

    @Test
    void nodeIdThatTheLayoutCannotCarry() {
        assertFailure(with("shardkit.ids.node-id=1"), "shardkit.ids.node-id", "needs node bits but the layout has");
        assertFailure(with("shardkit.ids.layout.node-bits=2", "shardkit.ids.node-id=4"), "shardkit.ids.node-id",
                "nodeId must be in [0..3]");
    }

    @Test
    void idRuleOverMoreShardsThanTheLayoutCanName() {
        assertFailure(with("shardkit.ids.layout.shard-bits=1", "shardkit.rules.order-ids.strategy=id"),
                "shardkit.rules.order-ids.shards",
                "id strategy shard count must be in [1..2] (1 shard bits) but was 4");
    }

    private static List<String> with(String... more) {
        List<String> properties = new ArrayList<>(TestShards.properties("validation"));
        properties.addAll(List.of(more));
        return properties;
    }

    private void assertFailure(List<String> properties, String property, String message) {
        assertFailure(runner, properties, property, message);
    }

    /** The start with {@code properties} fails at {@code property}, with a message containing {@code message}. */
    static void assertFailure(ApplicationContextRunner runner, List<String> properties, String property,
                              String message) {
        runner.withPropertyValues(properties.toArray(new String[0])).run(context -> {
            assertThat(context).hasFailed();
            Throwable root = outermostConfigurationFailure(context.getStartupFailure());
            assertThat(root).isInstanceOf(ShardingConfigurationException.class)
                    .hasMessageStartingWith("Invalid configuration at '" + property + "': ")
                    .hasMessageContaining(message);
            assertThat(((ShardingConfigurationException) root).getProperty()).isEqualTo(property);
        });
    }

    /** The failure shardkit raised (it keeps the core's own refusal, if any, as its cause). */
    static Throwable outermostConfigurationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShardingConfigurationException) {
                return t;
            }
        }
        return failure;
    }
}
