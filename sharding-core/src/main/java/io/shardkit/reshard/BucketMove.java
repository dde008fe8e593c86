package io.shardkit.reshard;

import java.util.Objects;

/**
 * One bucket to move from one shard to another. Immutable and thread-safe.
 *
 * @param bucket the bucket
 * @param source the shard that owns it now
 * @param target the shard that will own it
 */
public record BucketMove(int bucket, String source, String target) {

    public BucketMove {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
