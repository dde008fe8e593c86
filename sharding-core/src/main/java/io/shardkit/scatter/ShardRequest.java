package io.shardkit.scatter;

import io.shardkit.Shard;
import java.util.List;
import java.util.Objects;

/**
 * What one shard is asked to do in a scatter-gather: which shard (already bound to the calling thread through
 * {@link io.shardkit.ShardContext} when the call runs), the keys it owns (empty when the fan-out is not by
 * keys) and how many rows the merge needs from it at most ({@link #NO_LIMIT} when it needs all).
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule  the rule's name
 * @param shard the shard this request is for
 * @param keys  the keys this shard owns, in the caller's order; empty for fan-outs without keys
 * @param limit at most this many rows are needed from this shard, or {@link #NO_LIMIT}
 */
public record ShardRequest<K>(String rule, Shard shard, List<K> keys, int limit) {

    /** The {@link #limit()} when every row is needed. */
    public static final int NO_LIMIT = -1;

    public ShardRequest {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(shard, "shard");
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        if (limit < NO_LIMIT) {
            throw new IllegalArgumentException("limit must be >= 0 or NO_LIMIT but was " + limit);
        }
    }

    /** Whether the merge needs at most {@link #limit()} rows from this shard. */
    public boolean hasLimit() {
        return limit != NO_LIMIT;
    }
}
