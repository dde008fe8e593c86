package io.shardkit.reshard;

import io.shardkit.ShardingConfigurationException;
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
        if (source.equals(target)) {
            // A "move" onto its own owner would flip to the same shard and let cleanup() delete the owner's rows.
            throw new ShardingConfigurationException("bucket " + bucket + " is on shard '" + source
                    + "' already; a move needs another target shard");
        }
    }
}
