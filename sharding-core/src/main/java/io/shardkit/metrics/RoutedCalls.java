package io.shardkit.metrics;

import io.shardkit.Shard;

/**
 * Where the calls routed by one rule are reported, resolved once per rule ({@link ShardingMetrics#routedCalls})
 * and held by whatever routes them, so that a call only records: no meter lookup, no tag building, no allocation.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RoutedCalls {

    /** A call routed to {@code shard} finished after {@code nanos}; {@code success} is false when it threw. */
    void record(Shard shard, long nanos, boolean success);
}
