package io.shardkit.metrics;

/**
 * Where shardkit reports what it does. Components take one and call it unconditionally; the {@link #NOOP}
 * instance stands in when no metrics are wanted, so no call site checks for {@code null}. A Micrometer
 * implementation is {@link MicrometerShardingMetrics}; Micrometer itself is optional on the class path.
 *
 * <p>Implementations must be thread-safe and cheap: these are called on every routed call.
 */
public interface ShardingMetrics {

    /** Does nothing. */
    ShardingMetrics NOOP = new ShardingMetrics() {
    };

    /** A call routed by {@code rule} to {@code shard} finished after {@code nanos}; {@code outcome} see {@link MeterNames}. */
    default void routed(String rule, String shard, long nanos, String outcome) {
    }

    /**
     * The recorder of calls routed by {@code rule}, for callers that resolve it once (when a route is compiled)
     * and record on every call. The default forwards each call to {@link #routed}; an implementation with meters
     * of its own resolves them once per rule and shard instead of on every call.
     */
    default RoutedCalls routedCalls(String rule) {
        return (shard, nanos, success) -> routed(rule, shard.name(), nanos,
                success ? MeterNames.OUTCOME_SUCCESS : MeterNames.OUTCOME_FAILURE);
    }

    /** Routing by {@code rule} failed before a shard was chosen (bad key, unknown rule, ...). */
    default void routingFailed(String rule, Class<? extends Throwable> failure) {
    }

    /** A scatter-gather over {@code rule} fanned out to {@code width} shards. */
    default void fanOut(String rule, int width) {
    }

    /** One shard's part of a scatter-gather finished after {@code nanos} with {@code outcome}. */
    default void shardCall(String rule, String shard, long nanos, String outcome) {
    }

    /** Merging the per-shard results of a scatter-gather took {@code nanos}. */
    default void merge(String rule, long nanos) {
    }

    /** The outbox relay published {@code events} events of {@code shard}'s outbox (confirmed and marked). */
    default void outboxPublished(String shard, int events) {
    }

    /** A poll of {@code shard}'s outbox failed: the publisher refused a batch or the database failed. */
    default void outboxPublishFailed(String shard, Class<? extends Throwable> failure) {
    }

    /** {@code shard}'s outbox held {@code pending} events still to publish when last measured. */
    default void outboxPending(String shard, long pending) {
    }
}
