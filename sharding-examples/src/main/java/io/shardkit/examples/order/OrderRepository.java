package io.shardkit.examples.order;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order tables of <em>the shard bound to the calling thread</em>, through Spring Data JDBC: orders are
 * aggregates ({@link OrderRecord}: the {@code orders} row and its {@code order_items}) written and read by id through
 * {@link OrderRecords}, and the listings read {@link OrderHeader} rows through {@link OrderHeaders}. Spring Data JDBC
 * runs on shardkit's routing DataSource, so nothing here knows of shards: the service binds the shard (by customer or
 * by order id) before it calls in, the page walks bind each shard in turn, and {@link #latestOfCustomers} is fanned
 * out by its own {@code @ScatterGather}. An order is checked against the bound shard before it is written (its
 * {@code customerId} is its {@code @ShardKey}).
 *
 * <p>Thread-safe (stateless apart from thread-safe Spring Data collaborators).
 */
@Repository
public class OrderRepository {

    /** Most orders {@link #latestOfCustomers} answers. */
    public static final int LATEST_LIMIT = 50;

    private final JdbcAggregateOperations aggregates;
    private final OrderRecords records;
    private final OrderHeaders headers;

    OrderRepository(JdbcAggregateOperations aggregates, OrderRecords records, OrderHeaders headers) {
        this.aggregates = aggregates;
        this.records = records;
        this.headers = headers;
    }

    /** Inserts the order row and its lines; the caller's transaction makes them atomic. */
    public void insert(long id, NewOrder order, Instant createdAt) {
        // insert, not save: the id is minted beforehand, so Spring Data could not tell the order is new.
        aggregates.insert(OrderRecord.of(id, order, createdAt));
    }

    /** The order and its lines, if this shard holds it. */
    public Optional<Order> findById(long id, String shard) {
        return records.findById(id).map(r -> r.toOrder(shard));
    }

    /** Up to {@code limit} of the customer's orders, newest (highest id) first, below {@code beforeId} if set. */
    public List<OrderSummary> findByCustomer(long customerId, @Nullable Long beforeId, int limit, String shard) {
        return summaries(beforeId == null ? headers.newestOfCustomer(customerId, limit)
                : headers.newestOfCustomerBefore(customerId, beforeId, limit), shard);
    }

    /**
     * Up to {@code limit} orders created in {@code [from, to)}, newest first by (created_at, id), strictly after
     * the position ({@code afterCreatedAt}, {@code afterId}) in that order when one is given.
     */
    public List<OrderSummary> findCreatedBetween(Instant from, Instant to, @Nullable Instant afterCreatedAt,
                                                 long afterId, int limit, String shard) {
        return summaries(afterCreatedAt == null ? headers.createdBetween(from, to, limit)
                : headers.createdBetweenAfter(from, to, afterCreatedAt, afterId, limit), shard);
    }

    /**
     * The newest {@value #LATEST_LIMIT} orders of these customers, newest first, through shardkit's
     * {@code @ScatterGather}: the starter runs this once per shard owning any of the customers, in parallel,
     * handing each shard only its own customers, and merges the shards' sorted lists k-way into the overall
     * newest {@value #LATEST_LIMIT}. Shards owning none of them are not touched.
     */
    @ScatterGather(rule = OrderService.ORDERS_RULE, orderBy = OrderSummary.NewestFirst.class, limit = LATEST_LIMIT)
    @Transactional(readOnly = true)
    public List<OrderSummary> latestOfCustomers(@ShardKey Collection<Long> customerIds) {
        Shard shard = Objects.requireNonNull(ShardContext.current(), "@ScatterGather binds each shard");
        return summaries(headers.newestOfCustomers(customerIds, LATEST_LIMIT), shard.name());
    }

    private static List<OrderSummary> summaries(List<OrderHeader> rows, String shard) {
        List<OrderSummary> summaries = new ArrayList<>(rows.size());
        for (OrderHeader row : rows) {
            summaries.add(row.toSummary(shard));
        }
        return summaries;
    }
}
