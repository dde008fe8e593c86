package io.shardkit.it.examples;

import static io.shardkit.it.support.LoadChecks.pendingOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.audit.AuditReport;
import io.shardkit.audit.ShardAudit;
import io.shardkit.examples.order.OrderPlacement;
import io.shardkit.it.examples.ServiceLoad.Placed;
import io.shardkit.it.support.OutboxLedger;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The "load, nothing lost" test: the example order service, started with its {@code postgres} profile on four
 * fresh PostgreSQL databases, takes a bounded load of concurrent orders through {@link OrderPlacement} (what
 * {@code POST /orders} calls); once its outbox relay has drained, every shard is read directly and audited:
 * every acknowledged order is there once, on the shard its customer routes to and its id names, with all its
 * items beside it, and with exactly one stored and one published event.
 *
 * <p>Scale: {@value #DEFAULT_CLIENTS} clients x {@value #DEFAULT_ORDERS_PER_CLIENT} orders, capped at
 * {@value #DEFAULT_CAP_SECONDS} s of placing, keeps the test near a minute on a shared 2-core machine. The full
 * load the issue names runs by hand:
 * {@code mvn -B -pl sharding-it -am verify -Dit.test=ExampleServiceLoadIT -Dtest=NoSuch
 * -Dsurefire.failIfNoSpecifiedTests=false -Dshardkit.load.orders-per-client=20000 -Dshardkit.load.cap-seconds=1800}.
 */
class ExampleServiceLoadIT {

    static final int DEFAULT_CLIENTS = 16;
    static final int DEFAULT_ORDERS_PER_CLIENT = 2_500;
    static final int DEFAULT_CAP_SECONDS = 90;
    private static final int SHARDS = 4;
    private static final int MERCHANTS = 50;

    private final int clients = Integer.getInteger("shardkit.load.clients", DEFAULT_CLIENTS);
    private final int ordersPerClient = Integer.getInteger("shardkit.load.orders-per-client",
            DEFAULT_ORDERS_PER_CLIENT);
    private final Duration cap = Duration.ofSeconds(Integer.getInteger("shardkit.load.cap-seconds",
            DEFAULT_CAP_SECONDS));

    @Test
    void everyAcknowledgedOrderIsStoredOnceOnItsShardWithItsItemsAndOneEvent() throws Exception {
        try (ShardDatabases databases = ShardDatabases.create(RealServer.POSTGRES, SHARDS);
             ConfigurableApplicationContext service = ExampleService.start(databases, MERCHANTS)) {
            ShardRegistry registry = service.getBean(ShardRegistry.class);
            OutboxLedger ledger = new OutboxLedger();
            // Last listener of the service's event log: it sees each batch the relay publishes.
            service.getBean(InMemoryOutboxPublisher.class).addListener(ledger::publish);

            long started = System.nanoTime();
            ServiceLoad load = ServiceLoad.run(service.getBean(OrderPlacement.class), clients, ordersPerClient,
                    MERCHANTS, cap);
            long placedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            await("the outbox relay drains every shard").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> registry.shards().stream().allMatch(s -> pendingOn(s) == 0));
            report(load, placedMillis, Duration.ofNanos(System.nanoTime() - started).toMillis());

            assertThat(load.failures()).as("placements that failed").isEmpty();
            assertThat(load.duplicateAcks()).as("order ids handed out twice").isZero();
            Map<Long, Placed> placed = load.placed();
            if (!load.capped()) {
                assertThat(placed).as("acknowledged orders").hasSize(clients * ordersPerClient);
            }
            assertThat(placed).as("acknowledged orders before the cap").isNotEmpty();

            auditPlacement(service.getBean(ShardingRules.class), placed);
            for (Shard shard : registry.shards()) {
                checkShard(ShardRows.read(shard), placed, ledger);
            }
            assertThat(ledger.deliveries()).as("events published, once each in a run without faults")
                    .isEqualTo(placed.size());
            assertThat(service.getBean(InMemoryOutboxPublisher.class).publishedCount())
                    .as("events the service's event log confirmed").isEqualTo(placed.size());
        }
    }

    /** {@link ShardAudit} on every table the service shards, each by the rule that places it. */
    private static void auditPlacement(ShardingRules rules, Map<Long, Placed> placed) {
        ShardingRule orders = rules.rule("orders");
        ShardingRule orderIds = rules.rule("order-ids");
        long items = placed.values().stream().mapToLong(Placed::lines).sum();

        assertClean(ShardAudit.of(orders).table("orders").keyColumn("customer_id").idColumn("id"), placed.size());
        // The id names the shard: it must be the customer's, or GET /orders/{id} would look in the wrong place.
        assertClean(ShardAudit.of(orderIds).table("orders").keyColumn("id"), placed.size());
        assertClean(ShardAudit.of(orderIds).table("order_items").keyColumn("order_id"), items);
        // The projections the relay feeds, each placed by its own rule.
        assertClean(ShardAudit.of(rules.rule("price-bands")).table("order_analytics").keyColumn("total_cents")
                .idColumn("order_id"), placed.size());
        assertClean(ShardAudit.of(rules.rule("merchants")).table("merchant_orders").keyColumn("merchant_id")
                .idColumn("order_id"), placed.size());
    }

    private static void assertClean(ShardAudit.Builder audit, long expectedRows) {
        AuditReport report = audit.build().run();
        assertThat(report.isClean()).as("%s", report).isTrue();
        assertThat(report.totalRows()).as("rows of %s: nothing lost, nothing extra%n%s", report.table(), report)
                .isEqualTo(expectedRows);
    }

    /**
     * The shard holds exactly the orders the service said it put there, each with its items beside it and its
     * event stored and published from this shard.
     */
    private static void checkShard(ShardRows rows, Map<Long, Placed> placed, OutboxLedger ledger) {
        Map<Long, Integer> acknowledged = placed.values().stream().filter(p -> p.shard().equals(rows.shard()))
                .collect(Collectors.toMap(Placed::id, Placed::lines));
        Set<String> ids = acknowledged.keySet().stream().map(String::valueOf).collect(Collectors.toSet());
        assertThat(rows.itemCounts()).as("orders on %s (id -> item count)", rows.shard()).isEqualTo(acknowledged);
        assertThat(rows.itemRows()).as("order_items rows per order on %s", rows.shard()).isEqualTo(acknowledged);
        assertThat(rows.eventIds()).as("outbox events stored on %s", rows.shard()).isEqualTo(ids);
        assertThat(rows.eventRows()).as("outbox rows on %s: one per order", rows.shard()).isEqualTo(ids.size());
        assertThat(ledger.publishedIds(rows.shard())).as("events published from %s", rows.shard()).isEqualTo(ids);
    }

    private void report(ServiceLoad load, long placedMillis, long drainedMillis) {
        int count = load.placed().size();
        System.out.printf("example service load on PostgreSQL: %d clients, %,d orders acknowledged%s in %,d ms "
                        + "(%.0f orders/s), outbox drained after %,d ms, %d failures%n", clients, count,
                load.capped() ? " (time cap reached)" : "", placedMillis, count * 1000.0 / Math.max(1, placedMillis),
                drainedMillis, load.failures().size());
        load.failures().stream().limit(5).forEach(f -> f.error().printStackTrace());
    }
}
