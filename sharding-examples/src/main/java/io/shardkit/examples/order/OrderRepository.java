package io.shardkit.examples.order;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.entity.ShardGuard;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order tables of <em>the shard bound to the calling thread</em>, through Spring Data JDBC: orders are
 * aggregates ({@link OrderRecord}: the {@code orders} row and its {@code order_items}) read by id through
 * {@link OrderRecords}, and the listings read {@link OrderHeader} rows through {@link OrderHeaders}; the hot-path
 * insert is one {@link JdbcTemplate} statement and one batch (see {@link #insert}). Spring Data JDBC
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

    /** The statement writing an order row. */
    public static final String INSERT_ORDER = "insert into orders (id, customer_id, merchant_id, total_cents, "
            + "item_count, created_at) values (?, ?, ?, ?, ?, ?)";
    /** The statement writing one line of an order ({@code line_no} is its position, from 0). */
    public static final String INSERT_ITEM = "insert into order_items (order_id, line_no, sku, quantity, "
            + "unit_price_cents) values (?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final ShardGuard guard;
    private final OrderRecords records;
    private final OrderHeaders headers;

    OrderRepository(JdbcTemplate jdbc, ShardGuard guard, OrderRecords records, OrderHeaders headers) {
        this.jdbc = jdbc;
        this.guard = guard;
        this.records = records;
        this.headers = headers;
    }

    /**
     * Inserts the order row and its lines (one JDBC batch); the caller's transaction makes them atomic. Refused
     * with {@code WrongShardWriteException} before any SQL runs when the customer's shard is not the bound one.
     *
     * <p>The one write on the service's hot path, so it is plain {@link JdbcTemplate} rather than Spring Data
     * JDBC's aggregate insert, which is what the rest of the class reads with: measured in the demo, that insert
     * (entity callbacks and events, the aggregate change, parameter sources built by reflection for the row and for
     * every line) took about 70% of a placement's CPU on the service side, more than the database's own work. The
     * statements and rows are the ones Spring Data JDBC writes for {@link OrderRecord} ({@code line_no} is the
     * line's position), and the shard-key check it runs before a write ({@link ShardGuard}) is called here.
     */
    public void insert(long id, NewOrder order, Instant createdAt) {
        guard.checkKey(OrderService.ORDERS_RULE, order.customerId());
        jdbc.update(INSERT_ORDER, id, order.customerId(), order.merchantId(), order.totalCents(),
                order.lines().size(), Timestamp.from(createdAt));
        List<OrderLine> lines = order.lines();
        jdbc.batchUpdate(INSERT_ITEM, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                OrderLine line = lines.get(i);
                ps.setLong(1, id);
                ps.setInt(2, i);
                ps.setString(3, line.sku());
                ps.setInt(4, line.quantity());
                ps.setLong(5, line.unitPriceCents());
            }

            @Override
            public int getBatchSize() {
                return lines.size();
            }
        });
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
