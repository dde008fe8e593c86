package io.shardkit.reshard;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.audit.AuditReport;
import io.shardkit.audit.ShardAudit;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxRecord;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.testing.H2ShardFixtures;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test fixture: eight H2 shards holding orders (sharded by customer), their items and a shardkit outbox; a
 * bucketed rule seeded over the first four; a relay recording each customer's events in publication order; and
 * the checks every resharding test ends with. Not thread-safe to build; {@link #placeOrder} is.
 */
final class OrderShards implements AutoCloseable {

    static final String RULE = "orders";
    static final MoveTable[] TABLES = {MoveTable.root("orders", "customer_id", "id"),
        MoveTable.child("order_items", "order_id", "orders")};

    final List<Shard> shards;
    final ShardingRule four;
    final int buckets;
    final AtomicLong ids = new AtomicLong();
    final AtomicLong placed = new AtomicLong();
    final Map<String, List<Long>> published = new ConcurrentHashMap<>();
    private final OutboxWriter outbox = OutboxWriter.create();
    private OutboxRelay relay;

    /** Eight shards and a rule of {@code buckets} buckets seeded over the first four. */
    OrderShards(int buckets) throws SQLException {
        this(shards(8), buckets);
    }

    /** Eight given shards (empty databases of any of the three kinds) and a rule seeded over the first four. */
    OrderShards(List<Shard> shards, int buckets) throws SQLException {
        this.shards = List.copyOf(shards);
        this.buckets = buckets;
        for (Shard shard : shards) {
            try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
                        + " amount DECIMAL(12, 2) NOT NULL, status VARCHAR(16) NOT NULL)");
                st.execute("CREATE INDEX orders_customer ON orders (customer_id)");
                st.execute("CREATE TABLE order_items (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL"
                        + " REFERENCES orders (id), sku VARCHAR(32) NOT NULL, qty INT NOT NULL)");
                st.execute("CREATE INDEX order_items_order ON order_items (order_id)");
            }
            OutboxSchema.create(shard.dataSource());
        }
        four = new ShardingRule(RULE, shards.subList(0, 4), BucketedStrategy.create(RULE, shards.subList(0, 4),
                buckets));
    }

    /**
     * Shards whose lock timeout (10 s) is well above any fence, as production settings would be: H2's default of
     * one second would fail a writer that waits behind a cutover on a loaded machine.
     */
    private static List<Shard> shards(int count) {
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(new Shard("rs" + i, i, H2ShardFixtures.dataSource("rs" + i, ";LOCK_TIMEOUT=10000")));
        }
        return shards;
    }

    /** The rule as an operator redeploys it before an expansion: eight shards listed, the map unchanged. */
    ShardingRule eight() {
        return new ShardingRule(RULE, shards, BucketedStrategy.create(RULE, shards, buckets));
    }

    List<String> names() {
        return shards.stream().map(Shard::name).toList();
    }

    /** An order of {@code customer} with two items and a CustomerOrdered event carrying {@code seq}. */
    void placeOrder(BucketWrites writes, long customer, long seq) throws SQLException {
        long id = ids.incrementAndGet();
        writes.write(customer, c -> {
            try (PreparedStatement order = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, 'NEW')");
                 PreparedStatement item = c.prepareStatement("INSERT INTO order_items VALUES (?, ?, ?, ?)")) {
                order.setLong(1, id);
                order.setLong(2, customer);
                order.setBigDecimal(3, BigDecimal.valueOf(id % 10_000, 2));
                order.executeUpdate();
                for (int i = 0; i < 2; i++) {
                    item.setLong(1, id * 2 + i);
                    item.setLong(2, id);
                    item.setString(3, "sku-" + i);
                    item.setInt(4, i + 1);
                    item.executeUpdate();
                }
            }
            outbox.append(c, OutboxEvent.of("Customer", Long.toString(customer), "CustomerOrdered",
                    Long.toString(seq)));
            return null;
        });
        placed.incrementAndGet();
    }

    void startRelay() {
        relay = OutboxRelay.builder(this::record).shards(shards)
                .config(OutboxRelayConfig.custom().pollInterval(Duration.ofMillis(50)).batchSize(500).build())
                .build();
        relay.start();
    }

    private void record(List<OutboxRecord> batch) {
        for (OutboxRecord r : batch) {
            published.computeIfAbsent(r.event().aggregateId(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Long.parseLong(r.event().payload()));
        }
    }

    long publishedCount() {
        return published.values().stream().mapToLong(List::size).sum();
    }

    /** Every order on the shard the rule names, once; every item beside its order; counts as placed. */
    void assertClean(ShardingRule rule) throws SQLException {
        ((BucketedStrategy) rule.strategy()).refresh();
        AuditReport report = ShardAudit.of(rule).table("orders").keyColumn("customer_id").idColumn("id").build()
                .run();
        assertThat(report.misplacedCount()).as("misplaced orders: %s", report).isZero();
        assertThat(report.duplicateIdCount()).as("duplicated orders: %s", report).isZero();
        assertThat(report.totalRows()).as("orders (lost?): %s", report).isEqualTo(placed.get());
        long items = 0;
        for (Shard shard : rule.shards()) {
            items += count(shard, "SELECT COUNT(*) FROM order_items");
            assertThat(count(shard, "SELECT COUNT(*) FROM order_items i WHERE NOT EXISTS"
                    + " (SELECT 1 FROM orders o WHERE o.id = i.order_id)")).as("orphan items on %s", shard.name())
                    .isZero();
        }
        assertThat(items).as("items").isEqualTo(placed.get() * 2);
    }

    /** Each customer's events came out in the order they were written (first occurrences; duplicates allowed). */
    void assertEventsInOrder() {
        for (Map.Entry<String, List<Long>> e : published.entrySet()) {
            List<Long> firsts = new ArrayList<>();
            synchronized (e.getValue()) {
                for (Long seq : e.getValue()) {
                    if (!firsts.contains(seq)) {
                        firsts.add(seq);
                    }
                }
            }
            assertThat(firsts).as("events of customer %s", e.getKey()).isSorted();
        }
    }

    long count(Shard shard, String sql) throws SQLException {
        try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        if (relay != null) {
            relay.stop();
        }
    }
}
