package io.shardkit.examples.order;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, newest first, and the token that fetches the next page.
 *
 * <p>Immutable and thread-safe.
 *
 * @param orders        the page's orders
 * @param nextPageToken opaque token for the next page; {@code null} on the last page
 */
public record OrderPage(List<OrderSummary> orders, @Nullable String nextPageToken) {

    public OrderPage {
        orders = List.copyOf(orders);
    }
}
