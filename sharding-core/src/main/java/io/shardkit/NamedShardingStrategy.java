package io.shardkit;

import java.util.List;

/**
 * A strategy whose slots stand for shards it knows by name; implementations are immutable and thread-safe, like
 * every {@link ShardingStrategy}. An example is a range strategy built with
 * {@code .range(KeyRange.closedOpen(0L, 9000L), "shard-0")}. Slot {@code i} is {@code shardNames().get(i)}, so a
 * rule can be assembled from a registry without anyone counting indices:
 * {@link io.shardkit.ShardingRule#of(String, io.shardkit.ShardRegistry, NamedShardingStrategy)}.
 */
public interface NamedShardingStrategy extends ShardingStrategy {

    /** The shard names, slot 0 first: distinct, never empty, as many as {@link #shardCount()}. */
    List<String> shardNames();
}
