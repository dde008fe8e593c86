package io.shardkit.spring.aop;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.TransactionFence;
import io.shardkit.bucket.BucketIdRouting;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.metrics.RoutedCalls;
import io.shardkit.metrics.ShardingMetrics;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @Sharded} method, compiled once: its rule, its key resolver and how messages name it.
 * {@link #shardOf(Object)} is the hot path (the strategy, then an array read); {@link #calls(Supplier)} the
 * rule's metrics recorder, resolved on the first call (the metrics may not exist yet when the route is compiled,
 * while proxies are made) and held from then on.
 *
 * <p>Thread-safe; immutable but for the recorder, which two racing first calls resolve to equivalent ones.
 */
final class ShardedRoute {

    private final ShardingRule rule;
    private final ShardKeyResolver key;
    private final String where;
    private final @Nullable BucketWrites writes;
    private final @Nullable BucketIdRouting ids;
    private volatile @Nullable RoutedCalls calls;

    ShardedRoute(ShardingRule rule, ShardKeyResolver key, String where) {
        this.rule = rule;
        this.key = key;
        this.where = where;
        if (rule.strategy() instanceof BucketedStrategy) {
            this.writes = BucketWrites.of(rule);
            this.ids = null;
        } else if (rule.strategy() instanceof BucketIdRouting byId) {
            // The bucket rows are the bucketed rule's, on the same shards.
            this.writes = BucketWrites.of(new ShardingRule(byId.buckets().rule(), rule.shards(), byId.buckets()));
            this.ids = byId;
        } else {
            this.writes = null;
            this.ids = null;
        }
    }

    /** The bucket fences of the rule when it is bucketed or routes ids of a bucketed rule, {@code null} otherwise. */
    @Nullable BucketWrites bucketWrites() {
        return writes;
    }

    /** The fence of a call routed by {@code key}; only for a route with {@link #bucketWrites()}. */
    TransactionFence fence(BucketWrites writes, Object key) {
        return ids == null ? writes.fence(key) : writes.idFence(ids.bucketOfId(rule.name(), key), key);
    }

    ShardingRule rule() {
        return rule;
    }

    ShardKeyResolver keyResolver() {
        return key;
    }

    /** How messages name the method, e.g. {@code OrderRepository.insert(Order)}. */
    String where() {
        return where;
    }

    /** Where this route's calls are reported: the rule's recorder of {@code metrics}, resolved once. */
    RoutedCalls calls(Supplier<ShardingMetrics> metrics) {
        RoutedCalls found = calls;
        if (found == null) {
            found = metrics.get().routedCalls(rule.name());
            calls = found;
        }
        return found;
    }

    /** The key of one call; see {@link ShardKeyResolver#resolve(Object[])}. */
    @Nullable Object key(Object[] arguments) {
        return key.resolve(arguments);
    }

    /**
     * The shard of {@code key}. A null key, or any refusal of the rule (a key of the wrong type, out of every
     * range, a malformed id), is an {@link InvalidShardKeyException} of the rule's own type naming the method and
     * the key expression.
     */
    Shard shardOf(@Nullable Object key) {
        if (key == null) {
            throw InvalidShardKeyException.of(rule.name(), null, "a non-null key", source());
        }
        try {
            return rule.shardOf(key);
        } catch (InvalidShardKeyException ex) {
            throw ex.from(source());
        }
    }

    /** The method and its key expression, as exceptions name them. */
    private String source() {
        return where + " key [" + key.expression() + "]";
    }

    @Override
    public String toString() {
        return "ShardedRoute[" + where + ", rule=" + rule.name() + ", key=" + key.expression() + "]";
    }
}
