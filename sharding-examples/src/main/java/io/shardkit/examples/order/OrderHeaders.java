package io.shardkit.examples.order;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/** The listings' queries over {@code orders}, on the shard bound to the calling thread; newest first. */
interface OrderHeaders extends Repository<OrderHeader, Long> {

    String COLUMNS = "select id, customer_id, merchant_id, total_cents, item_count, created_at from orders ";

    @Query(COLUMNS + "where customer_id = :customerId order by id desc limit :limit")
    List<OrderHeader> newestOfCustomer(long customerId, int limit);

    @Query(COLUMNS + "where customer_id = :customerId and id < :beforeId order by id desc limit :limit")
    List<OrderHeader> newestOfCustomerBefore(long customerId, long beforeId, int limit);

    @Query(COLUMNS + "where created_at >= :from and created_at < :to order by created_at desc, id desc limit :limit")
    List<OrderHeader> createdBetween(Instant from, Instant to, int limit);

    @Query(COLUMNS + "where created_at >= :from and created_at < :to "
            + "and (created_at < :afterCreatedAt or (created_at = :afterCreatedAt and id < :afterId)) "
            + "order by created_at desc, id desc limit :limit")
    List<OrderHeader> createdBetweenAfter(Instant from, Instant to, Instant afterCreatedAt, long afterId, int limit);

    @Query(COLUMNS + "where customer_id in (:customerIds) order by created_at desc, id desc limit :limit")
    List<OrderHeader> newestOfCustomers(Collection<Long> customerIds, int limit);
}
