package io.shardkit.scatter.paging;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of a cross-shard keyset walk: its rows in order and the token for the next page.
 *
 * <p>Immutable; thread-safe as far as the rows are.
 *
 * @param items     the page's rows, in the walk's order; may be fewer than the page size (even none) while
 *                  {@link #nextToken()} is still present
 * @param nextToken the opaque token for the next page, or {@code null} when every shard is exhausted
 */
public record Page<T>(List<T> items, @Nullable String nextToken) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
    }

    /** Whether there may be more rows: {@link #nextToken()} is present. */
    public boolean hasNext() {
        return nextToken != null;
    }
}
