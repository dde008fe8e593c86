package io.shardkit.examples.stats;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.examples.order.OrderService;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counting queries that run on every shard at once through shardkit's {@code @ScatterGather}: the body is plain
 * single-database SQL, the starter runs it once per shard of the {@code orders} rule (which spans every shard) in
 * parallel, each in its own read-only transaction with that shard bound, and merges the answers by return type.
 * The caller waits for the slowest shard, not the sum. A shard that fails fails the call (the starter's
 * {@code fail-fast} policy): a total silently missing a shard would be wrong, not partial.
 *
 * <p>Thread-safe (stateless apart from the thread-safe JdbcTemplate).
 */
@Repository
public class ShardStatsRepository {

    private final JdbcTemplate jdbc;

    public ShardStatsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every shard's figures, in shard order. Each shard answers a one-element list; the lists are concatenated,
     * so the per-shard breakdown survives the merge and the totals are summed from it without a second fan-out.
     */
    @ScatterGather(rule = OrderService.ORDERS_RULE)
    @Transactional(readOnly = true)
    public List<ShardStats> perShard() {
        Shard shard = Objects.requireNonNull(ShardContext.current(), "@ScatterGather binds each shard");
        long[] orders = jdbc.queryForObject("select count(*), coalesce(sum(total_cents), 0) from orders",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)});
        long items = count("select count(*) from order_items");
        long pending = count("select count(*) from outbox where published_at is null");
        long published = count("select count(*) from outbox where published_at is not null");
        Map<String, Long> analytics = new TreeMap<>();
        jdbc.query("select price_band, count(*) from order_analytics group by price_band",
                rs -> {
                    analytics.put(rs.getString(1), rs.getLong(2));
                });
        // One row per merchant on its home shard (directory); every merchant's profile on every shard (broadcast).
        return List.of(new ShardStats(shard.name(), orders[0], orders[1], items, pending, published, analytics,
                count("select count(*) from merchants"), count("select count(*) from merchant_profiles")));
    }

    /** How many orders exist: each shard counts its own, the starter sums the counts. */
    @ScatterGather(rule = OrderService.ORDERS_RULE)
    @Transactional(readOnly = true)
    public long countOrders() {
        return count("select count(*) from orders");
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
