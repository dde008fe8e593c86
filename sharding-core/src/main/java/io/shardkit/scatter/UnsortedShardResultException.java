package io.shardkit.scatter;

import io.shardkit.Shard;
import org.jspecify.annotations.Nullable;

/**
 * One shard's result handed to an ordered merge is not sorted by the merge's comparator, so the merged answer
 * would be misordered. Thrown by the merge with the result's position ({@link #getPosition()}); the
 * {@link ScatterGatherExecutor} names the shard at that position ({@link #getShard()}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class UnsortedShardResultException extends ScatterGatherException {

    private static final long serialVersionUID = 1L;

    private final int position;
    private final String previous;
    private final String next;

    private UnsortedShardResultException(String message, @Nullable String rule, @Nullable String shard,
                                         int position, String previous, String next, @Nullable Throwable cause) {
        super(message, rule, shard, cause);
        this.position = position;
        this.previous = previous;
        this.next = next;
    }

    /**
     * @param position the offending result's position among the merged results (shard order, 0-based)
     * @param previous the element before, as it prints
     * @param next     the element that sorts before it, as it prints
     */
    public static UnsortedShardResultException at(int position, String previous, String next) {
        return new UnsortedShardResultException("Ordered merge: shard result #" + position + " is not sorted by "
                + "the merge's comparator: [" + next + "] comes after [" + previous + "]; sort each shard's query "
                + "by the merge's order", null, null, position, previous, next, null);
    }

    /** This failure naming the rule and the shard whose result it was; this one becomes the cause. */
    public UnsortedShardResultException inShard(String rule, Shard shard) {
        return new UnsortedShardResultException(prefix(rule, shard.name()) + "the shard's result is not sorted by "
                + "the merge's comparator: [" + next + "] comes after [" + previous + "]; sort the shard's query "
                + "by the merge's order", rule, shard.name(), position, previous, next, this);
    }

    /** The offending result's position among the merged results (shard order, 0-based). */
    public int getPosition() {
        return position;
    }
}
