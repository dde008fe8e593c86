package io.shardkit.examples.demo;

import io.shardkit.examples.order.Order;
import io.shardkit.examples.order.PlaceOrderRequest;

/**
 * How a demo client places one order: through the service, or with plain JDBC. Implementations are called from
 * every client thread at once and must be thread-safe.
 */
@FunctionalInterface
interface Placer {

    /** Places {@code request} and returns the order placed. */
    Order place(PlaceOrderRequest request);
}
