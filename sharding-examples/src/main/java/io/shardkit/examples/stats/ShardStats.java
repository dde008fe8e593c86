package io.shardkit.examples.stats;

import java.util.Map;

/**
 * What one shard holds.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shard          the shard's name
 * @param orders         rows in {@code orders} (placed there by customer)
 * @param revenueCents   the sum of those orders' totals, in cents
 * @param orderItems     rows in {@code order_items}
 * @param outboxPending  outbox events not yet published
 * @param outboxPublished outbox events published
 * @param analytics      rows in {@code order_analytics} per price band (placed there by the range rule)
 * @param merchants      rows in {@code merchants} (placed there by the directory)
 * @param merchantProfiles rows in {@code merchant_profiles} (reference data, the same on every shard)
 */
public record ShardStats(String shard, long orders, long revenueCents, long orderItems, long outboxPending,
                         long outboxPublished, Map<String, Long> analytics, long merchants,
                         long merchantProfiles) {

    public ShardStats {
        analytics = Map.copyOf(analytics);
    }
}
