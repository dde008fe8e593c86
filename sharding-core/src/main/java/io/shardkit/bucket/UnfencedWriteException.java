package io.shardkit.bucket;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * A routed call of a bucketed rule ran a statement that may write in auto-commit mode. The bucket's fence is a
 * row lock held by the writer's transaction until it commits; a statement that commits on its own cannot hold it,
 * so the write could slip past a move of its bucket. It is refused before it reaches the server: run the write in
 * a transaction ({@code @Transactional} on the routed method or inside it, or {@code BucketWrites.write}).
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

    /** The key's bucket. */
    public int getBucket() {
        return bucket;
    }
}
