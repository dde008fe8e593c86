package io.shardkit.examples.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Plain JdbcTemplate SQL over the {@code orders} and {@code order_items} tables of <em>the shard bound to the
 * calling thread</em>: the JdbcTemplate sits on shardkit's routing DataSource, so this class knows nothing of
 * shards. The service binds the shard (by customer or by order id) before it calls in.
 *
 * <p>Thread-safe (stateless apart from the thread-safe JdbcTemplate).
 */
@Repository
public class OrderRepository {

    private static final String SUMMARY_COLUMNS =
            "select id, customer_id, merchant_id, total_cents, item_count, created_at from orders ";

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

    /** Order count and revenue of this shard. */
    public ShardTotals totals(String shard) {
        return jdbc.queryForObject("select count(*), coalesce(sum(total_cents), 0) from orders",
                (rs, n) -> new ShardTotals(shard, rs.getLong(1), rs.getLong(2)));
    }

    private static RowMapper<OrderSummary> summaryMapper(String shard) {
        return (rs, n) -> summary(rs, shard);
    }

    private static OrderSummary summary(ResultSet rs, String shard) throws SQLException {
        return new OrderSummary(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                rs.getTimestamp(6).toInstant(), shard);
    }

    /**
     * One shard's order count and revenue.
     *
     * @param shard        the shard
     * @param orders       how many orders it holds
     * @param revenueCents the sum of their totals, in cents
     */
    public record ShardTotals(String shard, long orders, long revenueCents) {
    }
}
