package io.shardkit.examples.stats;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /stats}: every shard's figures, their totals, and how long the fan-out took.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shards          per shard, in shard order
 * @param orders          total orders
 * @param revenueCents    total revenue, in cents
 * @param outboxPending   events not yet published, over all shards
 * @param outboxPublished events published, over all shards
 * @param priceBands      analytics rows per price band, over all shards
 * @param fanOutMicros    wall time of the scatter-gather, in microseconds
 */
public record Stats(List<ShardStats> shards, long orders, long revenueCents, long outboxPending,
                    long outboxPublished, Map<String, Long> priceBands, long fanOutMicros) {

    public Stats {
        shards = List.copyOf(shards);
        priceBands = Map.copyOf(priceBands);
    }
}
