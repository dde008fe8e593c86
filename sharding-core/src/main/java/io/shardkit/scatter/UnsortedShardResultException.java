package io.shardkit.scatter;

import io.shardkit.ShardingException;

/**
 * An ordered merge was handed a per-shard result that is not sorted by the merge's comparator, so merging it
 * would silently misorder the answer. The shard's query must sort by the same key, in the same direction, as
 * the merge.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class UnsortedShardResultException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final int position;

    /**
     * @param position the offending result's position among the merged results (shard order, 0-based)
     * @param previous the element before, as it prints
     * @param next     the element that sorts before it, as it prints
     */
    public UnsortedShardResultException(int position, String previous, String next) {
        super("Ordered merge: shard result #" + position + " is not sorted by the merge's comparator: [" + next
                + "] comes after [" + previous + "]; sort each shard's query by the merge's order", null, null,
                null, null);
        this.position = position;
    }

    /** The offending result's position among the merged results (shard order, 0-based). */
    public int getPosition() {
        return position;
    }
}
