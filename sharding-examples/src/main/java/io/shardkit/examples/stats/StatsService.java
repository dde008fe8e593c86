package io.shardkit.examples.stats;

import io.shardkit.ShardingRule;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ShardRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gathers {@link Stats}: one call per shard, all shards in parallel (the caller waits for the slowest, not the
 * sum), fail-fast: an answer silently missing a shard would be wrong rather than partial.
 *
 * <p>Thread-safe (stateless apart from thread-safe collaborators).
 */
public class StatsService {

    private final ScatterGatherExecutor scatter;
    private final ShardingRule everyShard;
    private final JdbcTemplate jdbc;

    /**
     * @param scatter    the executor
     * @param everyShard a rule over every shard (the {@code orders} rule)
     * @param jdbc       JdbcTemplate over the routing DataSource
     */
    public StatsService(ScatterGatherExecutor scatter, ShardingRule everyShard, JdbcTemplate jdbc) {
        this.scatter = scatter;
        this.everyShard = everyShard;
        this.jdbc = jdbc;
    }

    public Stats stats() {
        long start = System.nanoTime();
        List<ShardStats> shards = scatter.onEveryShard(everyShard, this::shardStats, Merges.<ShardStats>concat())
                .requireComplete();
        long micros = (System.nanoTime() - start) / 1_000;
        long orders = 0;
        long revenue = 0;
        long pending = 0;
        long published = 0;
        Map<String, Long> bands = new TreeMap<>();
        for (ShardStats s : shards) {
            orders += s.orders();
            revenue += s.revenueCents();
            pending += s.outboxPending();
            published += s.outboxPublished();
            s.analytics().forEach((band, n) -> bands.merge(band, n, Long::sum));
        }
        return new Stats(shards, orders, revenue, pending, published, bands, micros);
    }

    /** Runs on a scatter-gather worker with the request's shard bound. */
    private List<ShardStats> shardStats(ShardRequest<Object> request) {
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
        long merchants = count("select count(*) from merchants");
        return List.of(new ShardStats(request.shard().name(), orders[0], orders[1], items, pending, published,
                analytics, merchants));
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
