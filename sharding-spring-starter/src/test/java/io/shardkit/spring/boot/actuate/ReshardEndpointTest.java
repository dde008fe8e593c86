package io.shardkit.spring.boot.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.bucket.BucketTables;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.reshard.BucketMove;
import io.shardkit.reshard.MovePlan;
import io.shardkit.spring.boot.autoconfigure.ShardkitActuatorAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitReshardAutoConfiguration;
import io.shardkit.spring.reshard.Resharders;
import io.shardkit.spring.testing.BucketedOrders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code reshard} endpoint: the maps read back, an expansion 2 -> 4 started over it that moves the rows while a
 * second operation is refused, a failed operation reported, and bad input refused naming what is expected.
 */
class ReshardEndpointTest {

    private static final String ALL = "shard-0,shard-1,shard-2,shard-3";
    private static final int ORDERS = 300;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitReshardAutoConfiguration.class, ShardkitActuatorAutoConfiguration.class))
            .withPropertyValues(BucketedOrders.properties("reshard-endpoint").toArray(new String[0]));

    private final ApplicationContextRunner exposed = runner
            .withPropertyValues("management.endpoints.web.exposure.include=reshard");

    @Test
    void presentOnlyWhenExposed() {
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(Resharders.class)
                .doesNotHaveBean(ReshardEndpoint.class));
        exposed.run(context -> assertThat(context).hasSingleBean(ReshardEndpoint.class)
                .hasSingleBean(ReshardEndpointWebExtension.class));
    }

    @Test
    void readsEachBucketedRuleInShortAndItsMapInFull() {
        exposed.run(context -> {
            ReshardEndpoint endpoint = context.getBean(ReshardEndpoint.class);
            ReshardEndpoint.RuleStatus orders = endpoint.reshard().rules().get(0);
            assertThat(orders.rule()).isEqualTo("orders");
            assertThat(orders.buckets()).isEqualTo(BucketedOrders.BUCKETS);
            assertThat(orders.bucketsPerShard()).containsExactly(Map.entry("shard-0", 8), Map.entry("shard-1", 8),
                    Map.entry("shard-2", 0), Map.entry("shard-3", 0));
            assertThat(orders.epoch()).isZero();
            assertThat(orders.resharder()).isTrue();
            assertThat(orders.moves()).isEmpty();
            assertThat(orders.journalLag()).isZero();
            assertThat(orders.operation()).isNull();
            assertThat(orders.error()).isNull();
            ReshardEndpoint.RuleMap map = Objects.requireNonNull(endpoint.rule("orders"));
            assertThat(map.map()).hasSize(BucketedOrders.BUCKETS).first()
                    .isEqualTo(new ReshardEndpoint.Bucket(0, "shard-0", 0, null));
            assertThat(map.map().get(1).owner()).isEqualTo("shard-1");
            assertThat(endpoint.rule("prices")).as("no such rule: 404").isNull();
        });
    }

    @Test
    void anExpansionRunsOnItsOwnThreadMovesTheRowsAndRefusesASecondOperation() {
        exposed.run(context -> {
            ReshardEndpoint endpoint = context.getBean(ReshardEndpoint.class);
            ReshardEndpointWebExtension web = context.getBean(ReshardEndpointWebExtension.class);
            ShardingRule rule = context.getBean(ShardingRules.class).rule("orders");
            BucketedOrders.place(context.getBean(ShardRegistry.class),
                    context.getBean(Resharders.class).bucketWrites("orders"), ORDERS);
            BucketMove first = MovePlan.expand("orders", ((BucketedStrategy) rule.strategy()).map(),
                    List.of(ALL.split(","))).moves().get(0);
            try (Connection held = holdBucketRow(context, first)) {
                // The mover waits at this bucket's mark until the row is released: the expansion is running.
                WebEndpointResponse<Object> started = web.start("orders", "expand", ALL, null, null);
                assertThat(started.getStatus()).isEqualTo(202);
                assertThat((ReshardEndpoint.Operation) started.getBody()).satisfies(op -> {
                    assertThat(op.action()).isEqualTo("expand");
                    assertThat(op.detail()).isEqualTo("shards=" + ALL);
                    assertThat(op.state()).isEqualTo(ReshardEndpoint.State.RUNNING);
                });
                WebEndpointResponse<Object> second = web.start("orders", "resume", null, null, null);
                assertThat(second.getStatus()).isEqualTo(409);
                assertThat(((ReshardEndpointWebExtension.Refused) second.getBody()).error())
                        .startsWith("Rule 'orders': expand (shards=" + ALL + ") is running since ");
                assertThatThrownBy(() -> endpoint.start("orders", "cleanup", null, null, null))
                        .isInstanceOfSatisfying(ReshardBusyException.class, busy -> assertThat(busy.getRunning()
                                .state()).isEqualTo(ReshardEndpoint.State.RUNNING));
                assertThat(operation(endpoint).state()).isEqualTo(ReshardEndpoint.State.RUNNING);
                held.rollback();
            }
            ReshardEndpoint.Operation done = awaitEnd(endpoint);
            assertThat(done.error()).isNull();
            assertThat(done.state()).isEqualTo(ReshardEndpoint.State.DONE);
            assertThat(Objects.requireNonNull(done.report()).buckets()).isEqualTo(8);
            assertThat(done.report().rowsCopied()).isPositive();
            ReshardEndpoint.RuleStatus after = endpoint.reshard().rules().get(0);
            assertThat(after.bucketsPerShard()).containsValues(4, 4, 4, 4);
            assertThat(after.epoch()).isEqualTo(8);
            assertThat(after.moves()).hasSize(8).extracting(BucketTables.MoveRow::state).containsOnly("DONE");
            assertThat(Objects.requireNonNull(after.progress()).flipped()).isEqualTo(8);
            ReshardEndpoint.RuleMap map = Objects.requireNonNull(endpoint.rule("orders"));
            assertThat(map.map().get(first.bucket()).owner()).isEqualTo(first.target());
            assertThat(map.map()).extracting(ReshardEndpoint.Bucket::owner).filteredOn("shard-2"::equals).hasSize(4);
            BucketedOrders.assertOnOwners(rule, ORDERS);
            assertThat(BucketedOrders.rowsOn(rule.shards().get(2))).isPositive();
            assertThat(BucketedOrders.rowsOn(rule.shards().get(3))).isPositive();
        });
    }

    @Test
    void aFailedOperationSaysWhy() {
        exposed.run(context -> {
            ReshardEndpoint endpoint = context.getBean(ReshardEndpoint.class);
            endpoint.start("orders", "rollback", null, "3", null);
            ReshardEndpoint.Operation failed = awaitEnd(endpoint);
            assertThat(failed.state()).isEqualTo(ReshardEndpoint.State.FAILED);
            assertThat(failed.error()).isEqualTo("Rule 'orders': bucket 3 has no move recorded on any shard; nothing"
                    + " to roll back");
            assertThat(endpoint.start("orders", "resume", null, null, null).action()).as("free again")
                    .isEqualTo("resume");
            assertThat(awaitEnd(endpoint).state()).isEqualTo(ReshardEndpoint.State.DONE);
        });
    }

    @Test
    void badInputIsRefusedNamingWhatIsExpected() {
        exposed.run(context -> {
            ReshardEndpoint endpoint = context.getBean(ReshardEndpoint.class);
            assertBad(() -> endpoint.start("orders", "shrink", null, null, null),
                    "unknown action [shrink]; expected one of [expand, move, resume, rollback, cleanup]");
            assertBad(() -> endpoint.start("prices", "resume", null, null, null),
                    "No resharder for rule 'prices'; rules declared under shardkit.reshard.rules are [orders]");
            assertBad(() -> endpoint.start("orders", "expand", null, null, null), "action expand needs shards: a "
                    + "comma-separated list of the rule's shards that should own buckets, e.g. shards=" + ALL);
            assertBad(() -> endpoint.start("orders", "expand", "shard-0, shard-9", null, null),
                    "unknown shard 'shard-9' in shards; the shards of rule 'orders' are [shard-0, shard-1, shard-2, "
                            + "shard-3]");
            assertBad(() -> endpoint.start("orders", "expand", "shard-0,shard-0", null, null),
                    "shard 'shard-0' is listed twice in shards");
            assertBad(() -> endpoint.start("orders", "move", null, "x", "shard-2"),
                    "bucket [x] is not a bucket of rule 'orders'; expected 0 to 15");
            assertBad(() -> endpoint.start("orders", "move", null, "16", "shard-2"),
                    "bucket [16] is not a bucket of rule 'orders'; expected 0 to 15");
            assertBad(() -> endpoint.start("orders", "move", null, "0", null),
                    "action move needs target: the shard to move it to");
            assertBad(() -> endpoint.start("orders", "move", null, "0", "shard-0"),
                    "bucket 0 is owned by 'shard-0' already; name another target of [shard-0, shard-1, shard-2, "
                            + "shard-3]");
            assertBad(() -> endpoint.start("orders", "rollback", null, null, null),
                    "action rollback needs bucket: a bucket number, 0 to 15");
            assertBad(() -> endpoint.start("orders", "resume", null, "3", null),
                    "action resume takes no bucket (given [3])");
            assertThat(operation(endpoint.reshard().rules().get(0))).as("nothing started").isNull();
        });
    }

    /** Takes {@code move}'s bucket row on its source in an open transaction, as a writer holding its fence would. */
    private static Connection holdBucketRow(AssertableApplicationContext context, BucketMove move) throws Exception {
        Shard source = context.getBean(ShardRegistry.class).shard(move.source());
        Connection c = source.dataSource().getConnection();
        c.setAutoCommit(false);
        try (PreparedStatement lock = c.prepareStatement("SELECT owner FROM shardkit_bucket_map WHERE rule = ? AND "
                + "bucket = ? FOR UPDATE")) {
            lock.setString(1, "orders");
            lock.setInt(2, move.bucket());
            try (ResultSet row = lock.executeQuery()) {
                assertThat(row.next()).isTrue();
            }
        }
        return c;
    }

    private static ReshardEndpoint.Operation awaitEnd(ReshardEndpoint endpoint) {
        await().atMost(Duration.ofSeconds(60)).until(() -> operation(endpoint).state()
                != ReshardEndpoint.State.RUNNING);
        return operation(endpoint);
    }

    private static ReshardEndpoint.Operation operation(ReshardEndpoint endpoint) {
        return Objects.requireNonNull(operation(endpoint.reshard().rules().get(0)));
    }

    private static ReshardEndpoint.Operation operation(ReshardEndpoint.RuleStatus status) {
        return status.operation();
    }

    private static void assertBad(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOf(InvalidEndpointRequestException.class).hasMessage(message);
    }
}
