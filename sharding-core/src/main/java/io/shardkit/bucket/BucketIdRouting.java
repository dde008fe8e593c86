package io.shardkit.bucket;

import io.shardkit.NamedShardingStrategy;
import org.jspecify.annotations.Nullable;

/**
 * A strategy that routes ids minted for a bucketed rule through that rule's bucket map
 * ({@code ShardingStrategies.bucketedId}): the id carries its bucket, and the bucket's current owner is the shard.
 * A write routed by such an id is fenced by its bucket ({@link BucketWrites#idFence}).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface BucketIdRouting extends NamedShardingStrategy {

    /** The bucketed strategy whose map the ids are routed through. */
    BucketedStrategy buckets();

    /**
     * The bucket {@code id} carries.
     *
     * @throws io.shardkit.InvalidShardKeyException when {@code id} is not an id of this layout
     */
    int bucketOfId(String rule, @Nullable Object id);
}
