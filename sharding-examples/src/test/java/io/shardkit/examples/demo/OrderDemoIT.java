package io.shardkit.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardScope;
import io.shardkit.examples.RunningService;
import io.shardkit.examples.stats.ShardStats;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo itself at a small N: every order lands on exactly one shard, every order has exactly one published
 * event, the projections saw each event once, the merchant moved half-way, and the printed totals match.
 */
class OrderDemoIT {

    private static final int ORDERS = 2_000;

    @Test
    void demoPlacesEveryOrderAndPublishesEveryEventOnce() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoOptions options = new DemoOptions(ORDERS, 4, 3, 500, 20, false, true, List.of());
        try (ConfigurableApplicationContext context = RunningService.start(options.shards(), options.merchants(),
                false)) {
            DemoReport report = context.getBean(DemoRunner.class).run(options,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));

            assertThat(report.failed()).isZero();
            assertThat(report.placed()).isEqualTo(ORDERS);
            assertThat(report.stats().shards()).hasSize(3);
            assertThat(report.stats().shards().stream().mapToLong(ShardStats::orders).sum()).isEqualTo(ORDERS);
            assertThat(report.stats().shards()).allSatisfy(s -> assertThat(s.orders()).isPositive());
            assertThat(report.stats().outboxPublished()).isEqualTo(ORDERS);
            assertThat(report.stats().outboxPending()).isZero();
            assertThat(report.stats().priceBands().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(ORDERS);
            assertThat(report.latency().count()).isEqualTo(ORDERS);
            assertThat(report.move()).isNotNull();
            assertThat(report.newest()).hasSize(5);
            assertThat(report.healthy()).isTrue();

            InMemoryOutboxPublisher log = context.getBean(InMemoryOutboxPublisher.class);
            Set<String> orderIds = new HashSet<>();
            for (OutboxRecord r : log.recent()) {
                assertThat(orderIds.add(r.event().aggregateId())).as("one event per order").isTrue();
            }
            assertThat(orderIds).hasSize(ORDERS);
            assertThat(log.publishedCount()).isEqualTo(ORDERS);

            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            long merchantRows = 0;
            for (Shard shard : context.getBean(ShardRegistry.class).shards()) {
                try (ShardScope ignored = ShardContext.bind(shard)) {
                    merchantRows += jdbc.queryForObject("select count(*) from merchant_orders", Long.class);
                }
            }
            assertThat(merchantRows).as("merchant projection, moved merchant included").isEqualTo(ORDERS);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("2,000/2,000 100%").contains("placed      2,000 orders")
                .contains("published 2,000   pending 0").containsPattern("total\\s+2,000")
                .contains("moved       merchant 1 from shard-");
    }

    @Test
    void compareWritesTheSameOrdersThroughBothPathsAndPublishesEveryEvent() throws Exception {
        int orders = 300;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoOptions options = new DemoOptions(orders, 3, 2, 200, 10, false, false, List.of(), true, 1, false);
        try (ConfigurableApplicationContext context = RunningService.start(options.shards(), options.merchants(),
                false)) {
            DemoReport report = context.getBean(DemoRunner.class).run(options,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));

            // A warm-up round of each path, one measured plain round, then the service's main round.
            int rounds = 4;
            assertThat(report.healthy()).isTrue();
            assertThat(report.stats().orders()).isEqualTo((long) orders * rounds);
            assertThat(report.stats().outboxPublished()).isEqualTo((long) orders * rounds);
            assertThat(report.stats().priceBands().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo((long) orders * rounds);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            Map<String, Long> copies = new HashMap<>();
            for (Shard shard : context.getBean(ShardRegistry.class).shards()) {
                try (ShardScope ignored = ShardContext.bind(shard)) {
                    jdbc.query("select o.customer_id, o.merchant_id, o.total_cents, o.item_count, count(i.line_no) "
                            + "from orders o join order_items i on i.order_id = o.id "
                            + "group by o.id, o.customer_id, o.merchant_id, o.total_cents, o.item_count", rs -> {
                                assertThat(rs.getInt(5)).as("lines of an order").isEqualTo(rs.getInt(4));
                                copies.merge(rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/"
                                        + rs.getInt(4), 1L, Long::sum);
                            });
                }
            }
            // The clients' seeds are fixed: every round, whichever path, wrote the same orders.
            assertThat(copies.values()).allSatisfy(n -> assertThat(n % rounds).isZero());
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("plain JDBC (no Spring)")
                .contains("service (@Sharded, Spring)").contains("ratio   service / plain JDBC = ");
    }

    @Test
    void reshardToExpandsHalfWayWhileOrdersKeepFlowingAndEveryOrderEndsOnceOnItsBucketsOwner() throws Exception {
        int orders = 3_000;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoOptions options = new DemoOptions(orders, 4, 2, 500, 20, false, false, List.of(), false, 1, false, 4);
        try (ConfigurableApplicationContext context = RunningService.start(options)) {
            DemoReport report = context.getBean(DemoRunner.class).run(options,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));

            ReshardSummary reshard = report.reshard();
            assertThat(reshard).isNotNull();
            assertThat(reshard.failure()).isNull();
            assertThat(reshard.report()).isNotNull();
            assertThat(reshard.report().buckets()).as("1024 buckets from 2 shards onto 4: half of them move")
                    .hasSize(512);
            assertThat(reshard.placedDuring()).as("orders kept flowing during the move").isPositive();
            assertThat(reshard.audit().isClean()).as("audit: %s", reshard.audit()).isTrue();
            assertThat(reshard.audit().totalRows()).isEqualTo(orders);
            assertThat(reshard.orphanItems()).isZero();
            assertThat(report.failed()).as("a write waits at a fence, it never fails").isZero();
            assertThat(report.stats().shards()).hasSize(4)
                    .allSatisfy(s -> assertThat(s.orders()).as("orders on %s", s.shard()).isPositive());
            assertThat(report.stats().orders()).isEqualTo(orders);
            assertThat(report.stats().outboxPublished()).isEqualTo(orders);
            assertThat(report.healthy()).isTrue();
            Set<String> orderIds = new HashSet<>();
            for (OutboxRecord r : context.getBean(InMemoryOutboxPublisher.class).recent()) {
                assertThat(orderIds.add(r.event().aggregateId())).as("one event per order").isTrue();
            }
            assertThat(orderIds).hasSize(orders);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("reshard     2 -> 4 shards half-way")
                .contains("fences      per bucket: p50").contains("->  clean");
    }
}
