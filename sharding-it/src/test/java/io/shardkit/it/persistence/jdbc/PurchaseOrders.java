package io.shardkit.it.persistence.jdbc;

import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import java.util.Collection;
import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

/**
 * A Spring Data JDBC repository as a user writes one: routed finders, fan-out reads, and {@code save} left plain
 * (its callers route it).
 */
public interface PurchaseOrders extends ListCrudRepository<PurchaseOrder, Long> {

    @Sharded(rule = "orders")
    List<PurchaseOrder> findByCustomerIdOrderById(@ShardKey long customerId);

    /** Every shard owning any of these customers, each asked for its own only. */
    @ScatterGather(rule = "orders")
    List<PurchaseOrder> findByCustomerIdIn(@ShardKey Collection<Long> customerIds);

    /** Every shard; the counts summed. */
    @Override
    @ScatterGather(rule = "orders")
    long count();

    /** Every shard; the sums summed (a shard without rows answers null). */
    @ScatterGather(rule = "orders")
    @org.springframework.data.jdbc.repository.query.Query("SELECT SUM(amount_cents) FROM purchase_order")
    Long totalAmountCents();
}
