package io.shardkit.it;

import static io.shardkit.it.support.LoadChecks.assertEveryOrderHasExactlyItsEventPublished;
import static io.shardkit.it.support.LoadChecks.pendingOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.audit.AuditReport;
import io.shardkit.audit.ShardAudit;
import io.shardkit.it.support.OrderOutbox;
import io.shardkit.it.support.OrderTable;
import io.shardkit.it.support.OutboxLedger;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.it.support.ShardLoad;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fixed number of orders, each with its outbox event, placed by concurrent clients through the routing
 * DataSource on four real databases, then audited shard by shard: every order stored once on its customer's
 * shard, nothing lost, nothing extra, and exactly one published event per order.
 */
class BoundedLoadIT {

    private static final int SHARDS = 4;
    private static final int THREADS_PER_SHARD = 2;
    private static final int ORDERS = 4_000;

    @ParameterizedTest
    @EnumSource(RealServer.class)
    @Timeout(180)
    void everyOrderIsStoredOnceOnItsShardWithItsEventPublished(RealServer server) throws SQLException {
        try (ShardDatabases databases = ShardDatabases.create(server, SHARDS);
             ShardRegistry registry = databases.registry()) {
            ShardingRule orders = ShardingRule.over("orders", registry, ShardingStrategies.hash(SHARDS));
            OrderTable.createOn(registry);
            OrderOutbox.createOn(registry);
            OutboxLedger ledger = new OutboxLedger();
            long started = System.nanoTime();
            try (OutboxRelay relay = OutboxRelay.builder(ledger).shards(registry).config(OutboxRelayConfig.custom()
                    .pollInterval(Duration.ofMillis(50)).batchSize(500).build()).build()) {
                relay.start();
                ShardLoad load = ShardLoad.start(orders, ShardRoutingDataSource.create(),
                        new OrderOutbox().orderWithEvent(), THREADS_PER_SHARD, Duration.ofSeconds(120), 1, ORDERS);
                await("the clients place every order").atMost(Duration.ofSeconds(150)).until(load::isDone);
                long committed = 0;
                for (Shard shard : registry.shards()) {
                    assertThat(load.failures(shard)).as("failures on %s", shard).isEmpty();
                    committed += load.successes(shard);
                }
                assertThat(committed).isEqualTo(ORDERS);
                await("the relay drains every shard").atMost(Duration.ofSeconds(60))
                        .until(() -> registry.shards().stream().allMatch(s -> pendingOn(s) == 0));
            }
            System.out.printf("bounded load on %s: %d orders with events in %d ms%n", server.displayName(), ORDERS,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());

            AuditReport report = ShardAudit.of(orders).table("orders").keyColumn("customer_id").idColumn("id")
                    .build().run();
            assertThat(report.isClean()).as(report.toString()).isTrue();
            assertThat(report.totalRows()).as("nothing lost, nothing extra").isEqualTo(ORDERS);
            for (Shard shard : registry.shards()) {
                assertEveryOrderHasExactlyItsEventPublished(ledger, shard);
            }
            assertThat(ledger.deliveries()).as("each event published once in a run without faults")
                    .isEqualTo(ORDERS);
        }
    }
}
