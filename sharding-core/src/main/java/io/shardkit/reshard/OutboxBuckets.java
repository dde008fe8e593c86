package io.shardkit.reshard;

import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.id.IdLayout;
import java.util.Objects;
import java.util.function.Function;

/**
 * Which bucket an outbox event belongs to, from its aggregate: what the mover needs to carry a bucket's pending
 * events to the target at the cutover. Implementations must be thread-safe and must place an aggregate's events in
 * the bucket its writes go to.
 */
@FunctionalInterface
public interface OutboxBuckets {

    /** The bucket of the aggregate, or a negative number when the event belongs to no bucket of the rule. */
    int bucketOf(String aggregateType, String aggregateId);

    /** Events whose aggregate id, turned into a shard key by {@code keyOf}, is routed by {@code strategy}. */
    static OutboxBuckets byShardKey(BucketedStrategy strategy, Function<String, ?> keyOf) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(keyOf, "keyOf");
        return (type, id) -> strategy.bucketOf(strategy.rule(), keyOf.apply(id));
    }

    /**
     * Events whose aggregate id is an id minted with {@code layout} for a bucketed rule
     * ({@link io.shardkit.id.ShardIdGenerator#nextIdFor}): the bucket is read from the id.
     */
    static OutboxBuckets byBucketedId(IdLayout layout) {
        Objects.requireNonNull(layout, "layout");
        return (type, id) -> layout.shardOf(Long.parseLong(id));
    }
}
