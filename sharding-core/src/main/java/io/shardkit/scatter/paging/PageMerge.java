package io.shardkit.scatter.paging;

import io.shardkit.scatter.UnsortedShardResultException;
import io.shardkit.scatter.internal.KWayMerge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Merges one keyset page from the shards' batches and moves each shard's position to the last row taken from
 * it.
 *
 * <p>Two rules keep a walk exact while rows are written concurrently. A shard whose full batch ({@code pageSize}
 * rows) has been used up may hold more rows smaller than the other shards' next ones, so the page ends there.
 * And a row behind the walk's high-water mark (the largest position, which every row before the walk started
 * and sorting before it has been returned) was inserted after the walk passed that point: it is stepped over,
 * never returned out of order.
 *
 * <p>Not thread-safe: used once, by the calling thread.
 */
final class PageMerge<S, T> {

    private final Comparator<? super S> order;
    private final Function<? super T, ? extends S> sortKey;

    PageMerge(Comparator<? super S> order, Function<? super T, ? extends S> sortKey) {
        this.order = order;
        this.sortKey = sortKey;
    }

    /** Rows of one shard's batch: its slot in the rule and what it returned. */
    record Batch<T>(int slot, List<T> rows) {
    }

    /** Fills {@code items} with up to {@code pageSize} rows and updates {@code positions} (indexed by slot). */
    void merge(List<Batch<T>> batches, List<ShardPosition<S>> positions, int pageSize, List<T> items) {
        S highWater = highWater(positions);
        List<Iterator<T>> sources = new ArrayList<>(batches.size());
        for (Batch<T> batch : batches) {
            sources.add(batch.rows().iterator());
            if (batch.rows().isEmpty()) {
                positions.set(batch.slot(), new ShardPosition<>(positions.get(batch.slot()).key(), true));
            }
        }
        Comparator<T> rowOrder = (a, b) -> order.compare(sortKey.apply(a), sortKey.apply(b));
        KWayMerge<T> merged = KWayMerge.of(sources, rowOrder, UnsortedShardResultException::at);
        int[] taken = new int[batches.size()];
        while (items.size() < pageSize && merged.hasNext()) {
            T row = merged.next();
            int source = merged.lastSource();
            Batch<T> batch = batches.get(source);
            S key = sortKey.apply(row);
            if (highWater == null || order.compare(key, highWater) >= 0) {
                items.add(row);
            }
            boolean drained = ++taken[source] == batch.rows().size();
            boolean exhausted = drained && batch.rows().size() < pageSize;
            positions.set(batch.slot(), new ShardPosition<>(key, exhausted));
            if (drained && !exhausted) {
                break;
            }
        }
    }

    private @Nullable S highWater(List<ShardPosition<S>> positions) {
        S max = null;
        for (ShardPosition<S> p : positions) {
            S key = p.key();
            if (key != null && (max == null || order.compare(key, max) > 0)) {
                max = key;
            }
        }
        return max;
    }
}
