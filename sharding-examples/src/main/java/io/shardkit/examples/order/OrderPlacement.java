package io.shardkit.examples.order;

import io.shardkit.examples.merchant.MerchantService;

/**
 * The one way an order gets placed, for the HTTP API and the demo's clients alike: validate the request, check
 * the merchant (on the merchant's shard, before and outside the order's transaction, which may touch only the
 * customer's shard), then place the order.
 *
 * <p>Thread-safe (stateless apart from thread-safe collaborators).
 */
public class OrderPlacement {

    private final OrderService orders;
    private final MerchantService merchants;

    public OrderPlacement(OrderService orders, MerchantService merchants) {
        this.orders = orders;
        this.merchants = merchants;
    }

    /**
     * Places the order the request describes.
     *
     * @throws InvalidOrderException when the request breaks a rule; nothing is written
     * @throws io.shardkit.examples.merchant.UnknownMerchantException when the merchant does not exist
     */
    public Order place(PlaceOrderRequest request) {
        NewOrder order = request.validate();
        merchants.requireExists(order.merchantId());
        return orders.place(order);
    }
}
