package io.shardkit.examples.order;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Plain JdbcTemplate SQL over the {@code orders} and {@code order_items} tables of <em>the shard bound to the
 * calling thread</em>: the JdbcTemplate sits on shardkit's routing DataSource, so the SQL knows nothing of
 * shards. The service binds the shard (by customer or by order id) before it calls in, the page walks bind each
 * shard in turn, and {@link #latestOfCustomers} is fanned out by its own {@code @ScatterGather}.
 *
 * <p>Thread-safe (stateless apart from the thread-safe JdbcTemplate).
 */
@Repository
public class OrderRepository {

    private static final String SUMMARY_COLUMNS =
            "select id, customer_id, merchant_id, total_cents, item_count, created_at from orders ";

    /** Most orders {@link #latestOfCustomers} answers. */
    public static final int LATEST_LIMIT = 50;

    private final JdbcTemplate jdbc;

    public OrderRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the order row and its lines; the caller's transaction makes the pair atomic. */
    public void insert(long id, NewOrder order, Instant createdAt) {
        jdbc.update("insert into orders (id, customer_id, merchant_id, total_cents, item_count, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)", id, order.customerId(), order.merchantId(),
                order.totalCents(), order.lines().size(), Timestamp.from(createdAt));
        List<Object[]> rows = new ArrayList<>(order.lines().size());
        int lineNo = 0;
        for (OrderLine line : order.lines()) {
            rows.add(new Object[] {id, lineNo++, line.sku(), line.quantity(), line.unitPriceCents()});
        }
        jdbc.batchUpdate("insert into order_items (order_id, line_no, sku, quantity, unit_price_cents) "
                + "values (?, ?, ?, ?, ?)", rows);
    }

    /** The order and its lines, if this shard holds it. */
    public Optional<Order> findById(long id, String shard) {
        List<OrderSummary> found = jdbc.query(SUMMARY_COLUMNS + "where id = ?", summaryMapper(shard), id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OrderSummary s = found.get(0);
        List<OrderLine> lines = jdbc.query("select sku, quantity, unit_price_cents from order_items "
                        + "where order_id = ? order by line_no",
                (rs, n) -> new OrderLine(rs.getString(1), rs.getInt(2), rs.getLong(3)), id);
        return Optional.of(new Order(s.id(), s.customerId(), s.merchantId(), s.totalCents(), s.createdAt(),
                shard, lines));
    }

    /** Up to {@code limit} of the customer's orders, newest (highest id) first, below {@code beforeId} if set. */
    public List<OrderSummary> findByCustomer(long customerId, @Nullable Long beforeId, int limit, String shard) {
        if (beforeId == null) {
            return jdbc.query(SUMMARY_COLUMNS + "where customer_id = ? order by id desc limit ?",
                    summaryMapper(shard), customerId, limit);
        }
        return jdbc.query(SUMMARY_COLUMNS + "where customer_id = ? and id < ? order by id desc limit ?",
                summaryMapper(shard), customerId, beforeId, limit);
    }

    /**
     * Up to {@code limit} orders created in {@code [from, to)}, newest first by (created_at, id), strictly after
     * the position ({@code afterCreatedAt}, {@code afterId}) in that order when one is given.
     */
    public List<OrderSummary> findCreatedBetween(Instant from, Instant to, @Nullable Instant afterCreatedAt,
                                                 long afterId, int limit, String shard) {
        if (afterCreatedAt == null) {
            return jdbc.query(SUMMARY_COLUMNS + "where created_at >= ? and created_at < ? "
                            + "order by created_at desc, id desc limit ?", summaryMapper(shard),
                    Timestamp.from(from), Timestamp.from(to), limit);
        }
        Timestamp after = Timestamp.from(afterCreatedAt);
        return jdbc.query(SUMMARY_COLUMNS + "where created_at >= ? and created_at < ? "
                        + "and (created_at < ? or (created_at = ? and id < ?)) "
                        + "order by created_at desc, id desc limit ?", summaryMapper(shard),
                Timestamp.from(from), Timestamp.from(to), after, after, afterId, limit);
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
        List<Object> args = new ArrayList<>(customerIds);
        args.add(LATEST_LIMIT);
        String in = String.join(", ", Collections.nCopies(customerIds.size(), "?"));
        return jdbc.query(SUMMARY_COLUMNS + "where customer_id in (" + in + ") order by created_at desc, id desc "
                + "limit ?", summaryMapper(shard.name()), args.toArray());
    }

    private static RowMapper<OrderSummary> summaryMapper(String shard) {
        return (rs, n) -> summary(rs, shard);
    }

    private static OrderSummary summary(ResultSet rs, String shard) throws SQLException {
        return new OrderSummary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                rs.getTimestamp(6).toInstant(), shard);
    }

}
