package io.shardkit.examples.order;

import java.time.Instant;

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
}
