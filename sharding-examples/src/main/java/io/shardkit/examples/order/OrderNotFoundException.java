package io.shardkit.examples.order;

/**
 * No order has that id: either no shard holds it, or the id was never issued by shardkit's generator (it names
 * no shard of this deployment). The HTTP layer answers 404.
 *
 * <p>Immutable and thread-safe.
 */
public class OrderNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long orderId;

    public OrderNotFoundException(long orderId, String why) {
        super("Order [" + orderId + "] does not exist: " + why);
        this.orderId = orderId;
    }

    public long orderId() {
        return orderId;
    }
}
