package io.shardkit.examples.order;

import java.util.List;

/**
 * A validated order about to be placed; made by {@link PlaceOrderRequest#validate()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param customerId the customer, {@code > 0}; the key of the {@code orders} rule
 * @param merchantId the merchant, {@code > 0}
 * @param lines      1 to {@value PlaceOrderRequest#MAX_ITEMS} valid lines
 */
public record NewOrder(long customerId, long merchantId, List<OrderLine> lines) {

    public NewOrder {
        lines = List.copyOf(lines);
    }

    /** The sum of the lines in cents; bounded by the request limits, so it cannot overflow. */
    public long totalCents() {
        long total = 0;
        for (OrderLine line : lines) {
            total += line.totalCents();
        }
        return total;
    }
}
