package io.shardkit.bucket;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * A routed call of a bucketed rule ran a statement that may write in auto-commit mode. The bucket's fence is a
 * row lock held by the writer's transaction until it commits; a statement that commits on its own cannot hold it,
 * so the write could slip past a move of its bucket. It is refused before it reaches the server: run the write in
 * a transaction ({@code @Transactional} on the routed method or inside it, or {@code BucketWrites.write}). Also
 * thrown for a write routed by an id while its bucket moves ({@link #movingById}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class UnfencedWriteException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final int bucket;

    private UnfencedWriteException(String message, String rule, @Nullable Object key, String shard, int bucket) {
        super(message, rule, key, shard, null);
        this.bucket = bucket;
    }

    /** {@code operation} ran in auto-commit mode on {@code shard} for {@code key} of bucketed rule {@code rule}. */
    public static UnfencedWriteException autoCommit(String rule, @Nullable Object key, int bucket, String shard,
                                                    String operation) {
        return new UnfencedWriteException("Rule '" + rule + "' is bucketed: " + operation + " for key "
                + describeKey(key) + " (bucket " + bucket + ") ran in auto-commit mode on shard '" + shard
                + "', where it cannot hold the bucket's write fence until it commits; run the write in a transaction"
                + " (@Transactional on the routed method or inside it, or BucketWrites.write)", rule, key, shard,
                bucket);
    }

    /**
     * A write routed by {@code id} (a {@link BucketIdRouting} rule) reached {@code shard} while the id's bucket is
     * being moved away from it. The journal that lets the mover catch up records shard keys, which an id does not
     * give, so the write is refused rather than left for the move's verification to trip over.
     */
    public static UnfencedWriteException movingById(String rule, Object id, int bucket, String shard) {
        return new UnfencedWriteException("Rule '" + rule + "': a write routed by id " + describeKey(id)
                + " reached shard '" + shard + "' while bucket " + bucket + " is being moved away from it; a write"
                + " routed by id cannot be journaled for the move (the journal records shard keys): route the write"
                + " by the shard key of rule '" + rule + "', or retry it once the bucket has moved", rule, id, shard,
                bucket);
    }

    /** The key's bucket. */
    public int getBucket() {
        return bucket;
    }
}
