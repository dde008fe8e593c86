package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.spring.testing.BucketedOrders;
import io.shardkit.spring.testing.TestShards;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A mistake in a bucketed rule or under {@code shardkit.reshard.*} fails the start naming the property at fault and
 * what is expected.
 */
class ReshardPropertiesValidationTest {

    private static final String TABLE = "shardkit.reshard.rules.orders.tables[0].";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitOutboxAutoConfiguration.class, ShardkitReshardAutoConfiguration.class));

    @Test
    void seedShardsOnlyOnABucketedRuleAndWithinItsShards() {
        assertFailure(plain("shardkit.rules.flat.strategy=hash", "shardkit.rules.flat.seed-shards=2"),
                "shardkit.rules.flat.seed-shards", "only bucketed rules take seed-shards but rule 'flat' is hash");
        assertFailure(bucketed("shardkit.rules.orders.seed-shards=5"), "shardkit.rules.orders.seed-shards",
                "must be in [1..4] (how many of the rule's 4 shards, in order, own buckets when the map is first "
                        + "seeded) but was 5");
        assertFailure(bucketed("shardkit.rules.orders.seed-shards=0", "shardkit.rules.orders.shards[0]=shard-1",
                "shardkit.rules.orders.shards[1]=shard-2"), "shardkit.rules.orders.seed-shards", "must be in [1..2]");
    }

    @Test
    void aBucketedIdRuleNamesABucketedRuleAndTakesItsShards() {
        assertFailure(bucketed("shardkit.rules.ids.strategy=bucketed-id"), "shardkit.rules.ids.buckets-rule",
                "a bucketed-id rule needs the bucketed rule its ids were minted for; bucketed rules are [orders]");
        assertFailure(bucketed("shardkit.rules.ids.strategy=bucketed-id", "shardkit.rules.ids.buckets-rule=order"),
                "shardkit.rules.ids.buckets-rule", "names no rule; it must name a bucketed rule of shardkit.rules: "
                        + "[orders]");
        assertFailure(bucketed("shardkit.rules.flat.strategy=hash", "shardkit.rules.ids.strategy=bucketed-id",
                "shardkit.rules.ids.buckets-rule=flat"), "shardkit.rules.ids.buckets-rule", "rule 'flat' is hash");
        assertFailure(bucketed("shardkit.rules.ids.strategy=id", "shardkit.rules.ids.buckets-rule=orders"),
                "shardkit.rules.ids.buckets-rule", "only bucketed-id rules take buckets-rule but rule 'ids' is id");
        assertFailure(bucketed("shardkit.rules.ids.strategy=bucketed-id", "shardkit.rules.ids.buckets-rule=orders",
                "shardkit.rules.ids.shards[0]=shard-0"), "shardkit.rules.ids.shards",
                "a bucketed-id rule takes its shards from its buckets-rule 'orders'; leave shards out");
    }

    @Test
    void idsMustBeAbleToCarryEveryBucket() {
        assertFailure(bucketed("shardkit.rules.orders.buckets=2048", "shardkit.rules.ids.strategy=bucketed-id",
                "shardkit.rules.ids.buckets-rule=orders"), "shardkit.ids.layout.shard-bits",
                "2048 buckets do not fit the id layout's 10 shard bits (1024); use at least 11 shard bits");
    }

    @Test
    void aReshardedRuleMustBeABucketedRule() {
        assertFailure(bucketed("shardkit.reshard.rules.prices.tables[0].table=prices"),
                "shardkit.reshard.rules.prices", "names no rule of shardkit.rules; bucketed rules are [orders]");
        assertFailure(plain("shardkit.rules.orders.strategy=hash", TABLE + "table=orders",
                TABLE + "key-column=customer_id", TABLE + "id-column=id"), "shardkit.reshard.rules.orders",
                "only a bucketed rule's buckets move; bucketed rules are []");
    }

    @Test
    void eachMovedTableIsARootOrAChildWithItsColumns() {
        assertFailure(bucketed("shardkit.reshard.rules.prices.outbox=none", "shardkit.rules.prices.strategy=bucketed"),
                "shardkit.reshard.rules.prices.tables", "is empty; list the tables whose rows move with their "
                        + "bucket, roots first");
        assertFailure(bucketed(TABLE + "table="), TABLE + "table", "is required: the moved table's name");
        assertFailure(bucketed(TABLE + "parent-table=orders"), TABLE + "parent-table",
                "table 'orders' mixes root and child fields: a root table takes key-column and id-column, a child "
                        + "table parent-column and parent-table");
        assertFailure(bucketed(TABLE + "id-column="), TABLE + "id-column",
                "is required: root table 'orders' needs its single-column primary key");
        String child = "shardkit.reshard.rules.orders.tables[1].";
        assertFailure(bucketed(child + "table=order_items", child + "parent-column=order_id"),
                child + "parent-table", "is required: child table 'order_items' needs the root table its parent "
                        + "rows are in");
        assertFailure(bucketed(child + "table=order_items"), child + "key-column",
                "table 'order_items' is neither a root nor a child");
        assertFailure(bucketed(TABLE + "key-column=customer id"), "shardkit.reshard.rules.orders.tables[0]",
                "[customer id] is not a plain SQL identifier");
    }

    @Test
    void aChildComesAfterItsRoot() {
        String child = "shardkit.reshard.rules.orders.tables[1].";
        assertFailure(bucketed(child + "table=order_items", child + "parent-column=order_id",
                child + "parent-table=items_root"), "shardkit.reshard.rules.orders.tables",
                "moved table 'order_items': its parent 'items_root' must be declared, as a root table, before it");
    }

    @Test
    void theMoversSettingsAreCheckedByTheCore() {
        assertFailure(plain("shardkit.reshard.batch-size=0"), "shardkit.reshard.batch-size",
                "reshard batchSize must be in [1..100000] but was 0");
        assertFailure(plain("shardkit.reshard.concurrency=65"), "shardkit.reshard.concurrency",
                "reshard concurrency must be in [1..64] but was 65");
        assertFailure(plain("shardkit.reshard.max-rows-per-second=-1"), "shardkit.reshard.max-rows-per-second",
                "must be >= 0");
        assertFailure(plain("shardkit.reshard.cleanup-delay=-1s"), "shardkit.reshard.cleanup-delay",
                "must be >= 0");
    }

    @Test
    void outboxEventsMoveOnlyWithAnOutboxAndAKeyTypeToReadThem() {
        assertFailure(bucketed("shardkit.reshard.rules.orders.outbox=by-shard-key"),
                "shardkit.reshard.rules.orders.outbox", "is by-shard-key but the outbox is not enabled "
                        + "(shardkit.outbox.enabled=false), so there are no events to move; set it to none, or "
                        + "enable the outbox");
        List<String> outbox = List.of("shardkit.outbox.enabled=true", "shardkit.outbox.relay.enabled=false");
        List<String> noKeyType = bucketed(outbox.toArray(new String[0]));
        noKeyType.remove("shardkit.rules.orders.key-type=long");
        assertFailure(noKeyType, "shardkit.rules.orders.key-type", "is not set, but "
                + "shardkit.reshard.rules.orders.outbox is by-shard-key, which reads each outbox event's aggregate "
                + "id as a key of the rule");
        assertFailure(bucketed("shardkit.outbox.enabled=true", "shardkit.outbox.layout=debezium",
                "shardkit.reshard.rules.orders.outbox=by-bucketed-id"), "shardkit.reshard.rules.orders.outbox",
                "is by-bucketed-id but shardkit.outbox.layout is debezium; only the shardkit layout's pending "
                        + "events move with their bucket, so set it to none");
    }

    /** The bucketed orders rule, declared for moves, and {@code more}. */
    private static List<String> bucketed(String... more) {
        List<String> properties = new ArrayList<>(BucketedOrders.properties("reshard-validation"));
        properties.addAll(List.of(more));
        return properties;
    }

    /** The shards alone, and {@code more}. */
    private static List<String> plain(String... more) {
        List<String> properties = new ArrayList<>(TestShards.properties("reshard-validation"));
        properties.addAll(List.of(more));
        return properties;
    }

    private void assertFailure(List<String> properties, String property, String message) {
        ShardkitPropertiesValidationTest.assertFailure(runner, properties, property, message);
    }
}
