package io.shardkit.examples.order;

import java.time.Instant;
import java.util.Comparator;

/**
 * An order without its lines, as listed by the paged queries.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         the order id
 * @param customerId the customer
 * @param merchantId the merchant
 * @param totalCents the order total, in cents
 * @param itemCount  how many lines the order has
 * @param createdAt  when it was placed
 * @param shard      the shard holding it
 */
public record OrderSummary(long id, long customerId, long merchantId, long totalCents, int itemCount,
                           Instant createdAt, String shard) {

    /**
     * Newest first: by creation time, then id, both descending. A class (not a constant) because
     * {@code @ScatterGather(orderBy = ...)} names a comparator class. Stateless and thread-safe.
     */
    public static final class NewestFirst implements Comparator<OrderSummary> {

        private static final Comparator<OrderSummary> ORDER = Comparator.comparing(OrderSummary::createdAt)
                .thenComparingLong(OrderSummary::id).reversed();

        @Override
        public int compare(OrderSummary a, OrderSummary b) {
            return ORDER.compare(a, b);
        }
    }
}
