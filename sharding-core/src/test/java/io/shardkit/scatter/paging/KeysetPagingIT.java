package io.shardkit.scatter.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.scatter.OrderDb.Order;
import io.shardkit.scatter.OrderDb.TimeId;
import io.shardkit.scatter.OrderDb;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Walks every page of a 10,000-row result over 4 shards while another thread inserts rows into the same
 * shards, before and after the walk's position. Semantics asserted: every row that existed when the walk began
 * is returned exactly once; no row is returned twice; the rows come strictly in order (late rows behind the
 * walk's position are stepped over, late rows ahead of it may appear).
 */
class KeysetPagingIT {

    private static final int ROWS = 10_000;
    private static final long LATE_IDS = 1_000_000;
    private static final int MAX_LATE_ROWS = 3000;

    private final ScatterGatherExecutor scatter = ScatterGatherExecutor.builder().parallelism(4).build();
    private final DataSource routing = ShardRoutingDataSource.create();

    @AfterEach
    void close() {
        scatter.close();
    }

    @Test
    void everyPreexistingRowOnceAndInOrderWhileRowsAreInserted() throws Exception {
        ShardingRule rule = H2ShardFixtures.hashRule("orders", 4);
        List<Order> initial = OrderDb.randomOrders(new Random(42), ROWS, 1, 2000);
        for (Shard shard : rule.shards()) {
            OrderDb.create(shard.dataSource());
            OrderDb.insert(shard.dataSource(), initial.stream().filter(o -> rule.shardOf(o.customerId()).equals(shard))
                    .toList());
        }
        AtomicBoolean walking = new AtomicBoolean(true);
        AtomicInteger inserted = new AtomicInteger();
        CountDownLatch someInserted = new CountDownLatch(200);
        CompletableFuture<Void> inserter = CompletableFuture.runAsync(() -> insertWhile(rule, walking, inserted,
                someInserted));

        List<Order> walked = new ArrayList<>();
        int pages = 0;
        String token = null;
        try {
            do {
                Page<Order> page = page(rule, token);
                walked.addAll(page.items());
                token = page.nextToken();
                if (++pages == 1) {
                    // Make sure rows are landing while the walk is under way, not before or after it.
                    assertThat(someInserted.await(10, TimeUnit.SECONDS)).isTrue();
                }
            } while (token != null);
        } finally {
            walking.set(false);
            inserter.get(10, TimeUnit.SECONDS);
        }

        List<Long> ids = walked.stream().map(Order::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids).containsAll(initial.stream().map(Order::id).toList());
        assertThat(walked).extracting(Order::key).isSortedAccordingTo(TimeId.ORDER);
        Set<Long> late = new HashSet<>(ids);
        initial.forEach(o -> late.remove(o.id()));
        assertThat(late).allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(LATE_IDS));
        assertThat(inserted.get()).isGreaterThanOrEqualTo(200);
        assertThat(pages).isGreaterThanOrEqualTo(ROWS / 100);
    }

    private Page<Order> page(ShardingRule rule, String token) {
        KeysetPager<TimeId, Order> pager = KeysetPager.<TimeId, Order>builder()
                .secret("paging-test-secret-of-32-bytes!!").order(TimeId.ORDER).sortKey(Order::key)
                .codec(TimeId.CODEC).build();
        String base = "SELECT " + OrderDb.COLUMNS + " FROM orders ";
        String tail = " ORDER BY created_at, id LIMIT ?";
        return pager.page(scatter, rule, "all orders by time", token, 100, (shard, after, limit) -> after == null
                ? OrderDb.query(routing, base + tail, OrderDb::order, limit)
                : OrderDb.query(routing, base + "WHERE (created_at, id) > (?, ?)" + tail, OrderDb::order,
                        after.at(), after.id(), limit));
    }

    /** Inserts random rows (any time in the hour: behind and ahead of the walk) until the walk ends. */
    private static void insertWhile(ShardingRule rule, AtomicBoolean walking, AtomicInteger inserted,
                                    CountDownLatch someInserted) {
        Random random = new Random(43);
        long id = LATE_IDS;
        while (walking.get() && inserted.get() < MAX_LATE_ROWS) {
            Order late = OrderDb.randomOrder(random, id++, 2000);
            try {
                OrderDb.insert(rule.shardOf(late.customerId()).dataSource(), List.of(late));
            } catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
            inserted.incrementAndGet();
            someInserted.countDown();
        }
    }
}
