package io.shardkit.spring.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRules;
import io.shardkit.metrics.MeterNames;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxRecord;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxTransactionRequiredException;
import io.shardkit.spring.outbox.OutboxTestApplication.Orders;
import io.shardkit.spring.outbox.OutboxTestApplication.Refused;
import io.shardkit.spring.testing.OutboxRows;
import io.shardkit.spring.testing.TestShards;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The outbox as an application gets it from the starter, on 4 H2 shards: the tables exist on every shard, an
 * order and its event commit together on the customer's shard and the relay publishes the event, a rollback
 * leaves neither, and an append without a transaction or without a shard is refused. Shards are read directly,
 * bypassing routing.
 */
@SpringBootTest(classes = OutboxTestApplication.class)
class TransactionalOutboxIT {

    /** Order ids unique across this class's tests, which share the context and its shards. */
    private static final AtomicLong IDS = new AtomicLong(1000);

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        for (String property : TestShards.withOrdersRule("outbox-it")) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
        registry.add("shardkit.outbox.enabled", () -> "true");
        registry.add("shardkit.outbox.relay.poll-interval", () -> "50ms");
    }

    @Autowired
    ShardRegistry registry;
    @Autowired
    ShardingRules rules;
    @Autowired
    Orders orders;
    @Autowired
    InMemoryOutboxPublisher eventLog;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void ordersTable(@Autowired ShardRegistry registry) {
        TestShards.createOrdersTable(registry);
    }

    @Test
    void theOutboxTablesExistOnEveryShard() {
        for (Shard shard : registry.shards()) {
            assertThat(OutboxRows.tableExists(shard, "outbox")).as(shard.name()).isTrue();
            assertThat(OutboxRows.tableExists(shard, "outbox_lock")).as(shard.name()).isTrue();
        }
    }

    @Test
    void aCommittedOrderAndItsEventLandOnTheCustomersShardAndTheRelayPublishesTheEvent() {
        for (long customer = 1; customer <= 12; customer++) {
            long id = IDS.incrementAndGet();
            String shard = orders.place(id, customer, false);
            Shard expected = rules.rule("orders").shardOf(customer);
            assertThat(shard).isEqualTo(expected.name());
            assertThat(TestShards.orderIds(expected)).contains(id);
            assertThat(OutboxRows.aggregateIds(expected, OutboxTestApplication.AGGREGATE)).contains(Long.toString(id));
            assertThat(OutboxRows.shardsHolding(registry, OutboxTestApplication.AGGREGATE, Long.toString(id)))
                    .isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(published(id))
                    .singleElement().extracting(OutboxRecord::shard).isEqualTo(expected.name()));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meters.find(MeterNames.OUTBOX_PUBLISHED)
                .counters()).isNotEmpty());
    }

    @Test
    void aRolledBackOrderLeavesNeitherRowNorEventAndNothingIsPublished() {
        long id = IDS.incrementAndGet();
        assertThatThrownBy(() -> orders.place(id, 7, true)).isInstanceOf(Refused.class);
        relay.drainOnce();
        for (Shard shard : registry.shards()) {
            assertThat(TestShards.orderIds(shard)).doesNotContain(id);
        }
        assertThat(OutboxRows.shardsHolding(registry, OutboxTestApplication.AGGREGATE, Long.toString(id))).isZero();
        assertThat(published(id)).isEmpty();
    }

    @Test
    void anAppendOutsideATransactionIsRefusedAndWritesNothing() {
        long id = IDS.incrementAndGet();
        assertThatThrownBy(() -> orders.appendWithoutTransaction(id, 7))
                .isInstanceOf(OutboxTransactionRequiredException.class).hasMessageContaining("auto-commit");
        assertThat(OutboxRows.shardsHolding(registry, OutboxTestApplication.AGGREGATE, Long.toString(id))).isZero();
    }

    @Test
    void anAppendWithNoShardBoundIsRefusedTyped() {
        assertThatThrownBy(() -> orders.appendUnrouted(IDS.incrementAndGet()))
                .isInstanceOf(NoShardBoundException.class);
    }

    private List<OutboxRecord> published(long id) {
        return eventLog.recent().stream().filter(r -> r.event().aggregateId().equals(Long.toString(id))).toList();
    }
}
