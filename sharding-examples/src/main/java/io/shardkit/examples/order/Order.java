package io.shardkit.examples.order;

import java.time.Instant;
import java.util.List;

/**
 * A placed order with its lines, as read back from the customer's shard.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         the order id; it carries the index of the shard it lives on
 * @param customerId the customer, the key that placed the order on its shard
 * @param merchantId the merchant the order is placed with
 * @param totalCents the sum of the lines, in cents
 * @param createdAt  when the order was placed (microsecond precision)
 * @param shard      the name of the shard holding the order
 * @param lines      the lines, in the order they were given
 */
public record Order(long id, long customerId, long merchantId, long totalCents, Instant createdAt, String shard,
                    List<OrderLine> lines) {

    public Order {
        lines = List.copyOf(lines);
    }
}
