package io.shardkit.bucket;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * A write reached a shard that does not own the key's bucket (any more): the shard's own bucket row names
 * another owner, so the write is refused there, in the database, before anything commits. An instance whose
 * cached map is stale gets this from the old owner after a move; {@link BucketWrites#write} learns the owner
 * from it and retries there. Carries the bucket, the refusing shard ({@link #getShard()}), the owner that shard
 * records and that owner's epoch.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class BucketMovedException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final int bucket;
    private final String owner;
    private final long epoch;

    private BucketMovedException(String message, String rule, @Nullable Object key, String shard, int bucket,
                                 String owner, long epoch) {
        super(message, rule, key, shard, null);
        this.bucket = bucket;
        this.owner = owner;
        this.epoch = epoch;
    }

    /** Shard {@code shard} records {@code owner} (at {@code epoch}) as the owner of the key's bucket. */
    public static BucketMovedException notOwner(String rule, @Nullable Object key, int bucket, String shard,
                                                String owner, long epoch) {
        return new BucketMovedException("Rule '" + rule + "': shard '" + shard + "' does not own bucket " + bucket
                + " of key " + describeKey(key) + "; it records owner '" + owner + "' at epoch " + epoch
                + "; the write was refused there and must run on the owner", rule, key, shard, bucket, owner, epoch);
    }

    /** The key's bucket. */
    public int getBucket() {
        return bucket;
    }

    /** The owner the refusing shard records. */
    public String getOwner() {
        return owner;
    }

    /** The epoch of that record. */
    public long getEpoch() {
        return epoch;
    }
}
