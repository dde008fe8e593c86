package io.shardkit.scatter.paging;

import io.shardkit.Shard;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One shard's part of a keyset page: the first {@code limit} rows that come strictly after {@code after} in the
 * pager's order, sorted in that order, e.g.
 * {@code WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?} (with {@code <} and {@code DESC} for a
 * newest-first order). Runs with {@code shard} bound, like any {@link ShardCall}.
 *
 * <p>Implementations must be thread-safe.
 *
 * @param <S> the sort key type
 * @param <T> the row type
 */
@FunctionalInterface
public interface PageCall<S, T> {

    /**
     * @param shard the shard queried
     * @param after this shard's position: its last row already returned to the client, or {@code null} for
     *              its first page
     * @param limit how many rows at most (the page size)
     */
    List<T> fetch(Shard shard, @Nullable S after, int limit) throws Exception;
}
