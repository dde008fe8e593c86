package io.shardkit.examples.stats;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers {@link Stats}: the per-shard figures from one {@code @ScatterGather} call (all shards in parallel,
 * fail-fast), then the totals summed from them, so the breakdown and its totals always agree.
 *
 * <p>Thread-safe (stateless apart from the thread-safe repository).
 */
public class StatsService {

    private final ShardStatsRepository repository;

    public StatsService(ShardStatsRepository repository) {
        this.repository = repository;
    }

    public Stats stats() {
        long start = System.nanoTime();
        List<ShardStats> shards = repository.perShard();
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

    /** How many orders exist over every shard (the shards' counts, summed by {@code @ScatterGather}). */
    public long orderCount() {
        return repository.countOrders();
    }
}
