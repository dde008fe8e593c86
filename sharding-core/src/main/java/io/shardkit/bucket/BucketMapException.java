package io.shardkit.bucket;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * A bucket table could not answer or holds what it must not: a missing bucket row, a statement that failed.
 * Names the rule, the shard and what was being done.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class BucketMapException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private BucketMapException(String message, String rule, @Nullable Object key, String shard,
                               @Nullable Throwable cause) {
        super(message, rule, key, shard, cause);
    }

    /** A statement on a bucket table failed. */
    public static BucketMapException failed(String rule, String shard, String doing, Throwable cause) {
        return new BucketMapException("Rule '" + rule + "' shard '" + shard + "': " + doing + " failed: "
                + cause.getMessage(), rule, null, shard, cause);
    }

    /** The shard has no row for the key's bucket: the bucket tables were not created through the strategy. */
    public static BucketMapException noRow(String rule, @Nullable Object key, int bucket, String shard) {
        return new BucketMapException("Rule '" + rule + "': shard '" + shard + "' has no row for bucket " + bucket
                + " (key " + describeKey(key) + ") in shardkit_bucket_map; build the rule's strategy with "
                + "BucketedStrategy.create(...), which creates and fills the table on every shard", rule, key, shard,
                null);
    }
}
