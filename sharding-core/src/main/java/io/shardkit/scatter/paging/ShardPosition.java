package io.shardkit.scatter.paging;

import org.jspecify.annotations.Nullable;

/**
 * Where a keyset walk stands on one shard: the sort key of the last row returned from it ({@code null} before
 * any) and whether the shard has no rows left after it.
 *
 * <p>Immutable and thread-safe when the key is.
 */
record ShardPosition<S>(@Nullable S key, boolean exhausted) {

    static final ShardPosition<?> START = new ShardPosition<>(null, false);

    @SuppressWarnings("unchecked")
    static <S> ShardPosition<S> start() {
        return (ShardPosition<S>) START;
    }
}
