package io.shardkit.examples.order;

import io.shardkit.examples.merchant.MerchantService;
import java.sql.SQLException;

/**
 * The one way an order gets placed, for the HTTP API and the demo's clients alike: validate the request, check
 * the merchant (on the merchant's shard, before and outside the order's transaction, which may touch only the
 * customer's shard), then place the order.
 *
 * <p>Thread-safe (stateless apart from thread-safe collaborators).
 */
public class OrderPlacement {

    /** Tries per order when the database rolls a transaction back as a deadlock victim. */
    public static final int MAX_ATTEMPTS = 3;

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
        for (int attempt = 1; ; attempt++) {
            try {
                return orders.place(order);
            } catch (RuntimeException e) {
                // The transaction rolled back whole (order, lines and event), so placing again is safe.
                if (attempt == MAX_ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Whether {@code e} is a deadlock or serialization failure (SQLSTATE class 40), which the database resolved
     * by rolling the transaction back: InnoDB reports one now and then when inserts meet the relay's row locks.
     */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }
}
