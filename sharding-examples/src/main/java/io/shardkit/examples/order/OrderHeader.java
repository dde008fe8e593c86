package io.shardkit.examples.order;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A row of {@code orders} without its lines: the read model of the listings, so a page of orders is one query.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         the order id
 * @param customerId the customer
 * @param merchantId the merchant
 * @param totalCents the total
 * @param itemCount  how many lines
 * @param createdAt  when it was placed
 */
@Table("orders")
record OrderHeader(@Id long id, long customerId, long merchantId, long totalCents, int itemCount,
                   Instant createdAt) {

    OrderSummary toSummary(String shard) {
        return new OrderSummary(id, customerId, merchantId, totalCents, itemCount, createdAt, shard);
    }
}
