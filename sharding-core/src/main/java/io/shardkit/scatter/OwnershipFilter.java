package io.shardkit.scatter;

import io.shardkit.Shard;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketMap;
import io.shardkit.bucket.BucketedStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Keeps a scatter-gather over a bucketed rule exact while buckets move: between a bucket's copy and the cleanup of
 * its source, its rows sit on two shards, and each shard returns only the rows of buckets it owns in one map
 * snapshot, taken when the filter is made. The snapshot is the same for every shard of the query, so a row is
 * counted by exactly one shard even when a flip happens during the query: the shard that owned the bucket when the
 * query started still has the rows (the source is cleaned up only after the cleanup delay).
 *
 * <pre>{@code
 * OwnershipFilter owned = OwnershipFilter.of(ordersRule);
 * executor.onEveryShard(ordersRule, owned.rows(req -> findOrders(), Order::customerId), Merges.concat());
 * }</pre>
 *
 * <p>The filter works on rows, in the application: SQL aggregates ({@code COUNT}, {@code SUM}) computed in the
 * database cannot be filtered after the fact. Return keyed rows (or group by the shard key) during moves, or keep
 * the bucket in a column and filter in SQL on {@link BucketMap#bucketsOf}. A per-shard {@code LIMIT} applies
 * before the filter, so ask each shard for a few more rows than the page needs.
 *
 * <p>Immutable and thread-safe.
 */
public final class OwnershipFilter {

    private final ShardingRule rule;
    private final BucketedStrategy strategy;
    private final BucketMap snapshot;

    private OwnershipFilter(ShardingRule rule, BucketedStrategy strategy, BucketMap snapshot) {
        this.rule = rule;
        this.strategy = strategy;
        this.snapshot = snapshot;
    }

    /** A filter over the current map of {@code rule}, whose strategy must be bucketed. */
    public static OwnershipFilter of(ShardingRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (!(rule.strategy() instanceof BucketedStrategy bucketed)) {
            throw new ShardingConfigurationException("Rule '" + rule.name() + "' is " + rule.strategy().describe()
                    + ", not bucketed; an ownership filter needs a bucket map");
        }
        return new OwnershipFilter(rule, bucketed, bucketed.map());
    }

    /** The snapshot the filter judges by. */
    public BucketMap snapshot() {
        return snapshot;
    }

    /** Whether {@code shard} owns {@code key}'s bucket in the snapshot. */
    public boolean owns(Shard shard, Object key) {
        int slot = rule.shards().indexOf(shard);
        return slot >= 0 && snapshot.owns(slot, strategy.bucketOf(rule.name(), key));
    }

    /** The rows of {@code rows} (read from {@code shard}) whose key's bucket {@code shard} owns. */
    public <T> List<T> filter(Shard shard, List<T> rows, Function<? super T, ?> keyOf) {
        List<T> kept = new ArrayList<>(rows.size());
        for (T row : rows) {
            if (owns(shard, keyOf.apply(row))) {
                kept.add(row);
            }
        }
        return kept;
    }

    /** {@code call}, with each shard's rows filtered to the buckets that shard owns. */
    public <K, T> ShardCall<K, List<T>> rows(ShardCall<K, List<T>> call, Function<? super T, ?> keyOf) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(keyOf, "keyOf");
        return request -> filter(request.shard(), call.call(request), keyOf);
    }
}
