package io.shardkit.examples.events;

import io.shardkit.examples.order.Order;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payload of the {@code OrderPlaced} event that the order's transaction writes to its shard's outbox.
 *
 * <p>Immutable and thread-safe.
 *
 * @param orderId    the order id
 * @param customerId the customer
 * @param merchantId the merchant
 * @param totalCents the order total, in cents
 * @param itemCount  how many lines
 * @param createdAt  when the order was placed
 */
public record OrderPlaced(long orderId, long customerId, long merchantId, long totalCents, int itemCount,
                          Instant createdAt) {

    /** The event type written to the outbox. */
    public static final String TYPE = "OrderPlaced";
    /** The aggregate type written to the outbox. */
    public static final String AGGREGATE = "Order";

    /** The event describing {@code order}. */
    public static OrderPlaced of(Order order) {
        return new OrderPlaced(order.id(), order.customerId(), order.merchantId(), order.totalCents(),
                order.lines().size(), order.createdAt());
    }

    public String toJson(JsonMapper json) {
        return json.writeValueAsString(this);
    }

    public static OrderPlaced fromJson(JsonMapper json, String payload) {
        return json.readValue(payload, OrderPlaced.class);
    }
}
