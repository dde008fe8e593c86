package io.shardkit.scatter;

import java.util.List;

/**
 * Combines the per-shard results of a scatter-gather into one answer. {@link Merges} has the common ones.
 *
 * <p>Implementations must be thread-safe (they are typically stateless and shared).
 *
 * @param <T> what one shard returns
 * @param <R> the merged answer
 */
@FunctionalInterface
public interface Merger<T, R> {

    /**
     * Merges the results of the shards that succeeded, in shard order (rule slot order). Under
     * {@link FailurePolicy#PARTIAL} failed shards are simply absent.
     */
    R merge(List<T> shardResults);

    /**
     * How many rows the merge needs from each shard at most, handed to every shard as
     * {@link ShardRequest#limit()}; {@link ShardRequest#NO_LIMIT} (the default) when it needs all. A top-N merge
     * returns N, so that each shard is asked for N rows rather than all of them.
     */
    default int perShardLimit() {
        return ShardRequest.NO_LIMIT;
    }
}
