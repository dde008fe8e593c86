package io.shardkit.it.persistence.jpa;

import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import java.util.List;
import org.springframework.transaction.annotation.Transactional;

/** Units of work on one customer's shard around the unannotated repository. */
public class CustomerOrderService {

    private final CustomerOrders orders;

    public CustomerOrderService(CustomerOrders orders) {
        this.orders = orders;
    }

    @Sharded(rule = "orders", key = "#order.customerId")
    @Transactional
    public CustomerOrder place(CustomerOrder order) {
        return orders.save(order);
    }

    @Sharded(rule = "orders", key = "#first.customerId")
    @Transactional
    public void placeBoth(CustomerOrder first, CustomerOrder second) {
        orders.save(first);
        orders.save(second);
    }

    /** Read-modify-write by dirty checking: no save call. */
    @Sharded(rule = "orders")
    @Transactional
    public void raise(@ShardKey long customerId, long orderId, long byCents) {
        CustomerOrder order = orders.findById(orderId).orElseThrow();
        order.setAmountCents(order.getAmountCents() + byCents);
    }

    /** Moves an order to another customer in place: its key would no longer match its shard. */
    @Sharded(rule = "orders")
    @Transactional
    public void reassign(@ShardKey long customerId, long orderId, long toCustomer) {
        orders.findById(orderId).orElseThrow().setCustomerId(toCustomer);
    }

    /** The order's lines, loaded lazily inside the unit of work. */
    @Sharded(rule = "orders")
    @Transactional(readOnly = true)
    public List<String> skus(@ShardKey long customerId, long orderId) {
        return orders.findById(orderId).orElseThrow().getLines().stream().map(OrderLine::getSku).toList();
    }

    /** The order as the customer's shard has it (from the second-level cache, when it holds it). */
    @Sharded(rule = "orders")
    @Transactional(readOnly = true)
    public long customerOf(@ShardKey long customerId, long orderId) {
        return orders.findById(orderId).orElseThrow().getCustomerId();
    }
}
