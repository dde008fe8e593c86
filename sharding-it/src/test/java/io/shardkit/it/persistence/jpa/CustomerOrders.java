package io.shardkit.it.persistence.jpa;

import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data JPA repository as a user writes one; {@code save} is left plain (its callers route it). */
public interface CustomerOrders extends JpaRepository<CustomerOrder, Long> {

    @Sharded(rule = "orders")
    List<CustomerOrder> findByCustomerIdOrderById(@ShardKey long customerId);

    @ScatterGather(rule = "orders")
    List<CustomerOrder> findByCustomerIdIn(@ShardKey Collection<Long> customerIds);

    @Override
    @ScatterGather(rule = "orders")
    long count();
}
