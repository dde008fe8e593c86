package io.shardkit.it.persistence.jdbc;

import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import org.springframework.transaction.annotation.Transactional;

/** Service methods around the unannotated repository: each routes the unit of work, then saves. */
public class PurchaseOrderService {

    private final PurchaseOrders orders;

    public PurchaseOrderService(PurchaseOrders orders) {
        this.orders = orders;
    }

    @Sharded(rule = "orders", key = "#order.customerId")
    @Transactional
    public PurchaseOrder place(PurchaseOrder order) {
        return orders.save(order);
    }

    /** Both in one transaction on the first order's shard: the "unannotated inner call" when they differ. */
    @Sharded(rule = "orders", key = "#first.customerId")
    @Transactional
    public void placeBoth(PurchaseOrder first, PurchaseOrder second) {
        orders.save(first);
        orders.save(second);
    }

    /** Read-modify-write of one order on its customer's shard. */
    @Sharded(rule = "orders")
    @Transactional
    public PurchaseOrder raise(@ShardKey long customerId, long orderId, long byCents) {
        PurchaseOrder order = orders.findById(orderId).orElseThrow();
        return orders.save(order.withAmountCents(order.amountCents() + byCents));
    }
}
