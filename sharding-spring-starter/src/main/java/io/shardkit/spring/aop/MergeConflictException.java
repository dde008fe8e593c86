package io.shardkit.spring.aop;

import io.shardkit.ShardingException;
import io.shardkit.scatter.ScatterGatherException;
import org.jspecify.annotations.Nullable;

/**
 * Two shards returned different, non-numeric values for the same key of a {@code Map} that a
 * {@code @ScatterGather} method merges; neither can be chosen without losing the other. {@link #getShard()}
 * names the second shard; {@link #getMapKey()} the key.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class MergeConflictException extends ScatterGatherException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable Object mapKey;

    /**
     * @param rule        the rule fanned out over
     * @param where       the method, e.g. {@code OrderRepository.statusById()}
     * @param mapKey      the key both shards returned
     * @param firstShard  the shard whose value came first
     * @param first       its value
     * @param secondShard the shard whose value differs
     * @param second      that value
     */
    public MergeConflictException(String rule, String where, @Nullable Object mapKey, String firstShard,
                                  @Nullable Object first, String secondShard, @Nullable Object second) {
        super(rule, secondShard, where + " returned different values for map key "
                + ShardingException.describeKey(mapKey) + ": " + ShardingException.describeKey(first) + " on shard '"
                + firstShard + "', " + ShardingException.describeKey(second) + " on shard '" + secondShard
                + "'; a Map merge sums numbers of one type and keeps "
                + "equal values, it cannot choose between different ones", null);
        this.mapKey = mapKey;
    }

    /** The map key both shards returned. */
    public @Nullable Object getMapKey() {
        return mapKey;
    }
}
