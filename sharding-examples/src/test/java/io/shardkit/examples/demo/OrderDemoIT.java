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
import java.util.HashSet;
import java.util.List;
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
}
