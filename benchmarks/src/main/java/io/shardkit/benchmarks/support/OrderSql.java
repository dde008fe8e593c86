package io.shardkit.benchmarks.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The schema and the SQL every peer runs, so that peers differ only in how they pick the shard. Statements
 * are prepared per call, as application code does; the pools and ShardingSphere may cache them.
 *
 * <p>Stateless and thread-safe.
 */
public final class OrderSql {

    /**
     * The order tables on every shard. The outbox is shardkit's shipped one ({@code OutboxSchema}), which
     * {@link H2Shards} creates beside them, so that both order-placement rows write the same table.
     */
    static final String[] DDL = {
        "CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, amount BIGINT NOT NULL,"
                + " status VARCHAR(16) NOT NULL)",
        "CREATE TABLE t_order_item (item_id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, sku VARCHAR(32) NOT NULL,"
                + " quantity INT NOT NULL, price BIGINT NOT NULL)",
    };

    public static final String SELECT_ORDER =
            "SELECT order_id, customer_id, amount, status FROM t_order WHERE order_id = ?";
    public static final String INSERT_ORDER =
            "INSERT INTO t_order (order_id, customer_id, amount, status) VALUES (?, ?, ?, ?)";

    static final String INSERT_ITEM =
            "INSERT INTO t_order_item (item_id, order_id, sku, quantity, price) VALUES (?, ?, ?, ?, ?)";
    /** The same insert as {@code OutboxWriter}'s into the shipped {@code outbox} table, written by hand. */
    static final String INSERT_OUTBOX = "INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload,"
            + " created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String[] OUTBOX_ID = {"id"};
    /** The orders with the highest amounts: the top-N query of the scatter-gather benchmarks. */
    public static final String SELECT_TOP_BY_AMOUNT =
            "SELECT order_id, customer_id, amount, status FROM t_order ORDER BY amount DESC, order_id LIMIT ?";
    /** Items per placed order. */
    public static final int ITEMS_PER_ORDER = 3;

    private OrderSql() {
    }

    /** Reads one order from {@code dataSource}; {@code null} when it holds no such order. */
    public static @Nullable Order find(DataSource dataSource, long orderId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return find(c, orderId);
        }
    }

    /** Reads one order on {@code c}; {@code null} when its database holds no such order. */
    public static @Nullable Order find(Connection c, long orderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_ORDER)) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** The {@code limit} orders with the highest amounts on {@code dataSource}, highest first. */
    public static List<Order> topByAmount(DataSource dataSource, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SELECT_TOP_BY_AMOUNT)) {
            ps.setInt(1, limit);
            List<Order> rows = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(read(rs));
                }
            }
            return rows;
        }
    }

    private static Order read(ResultSet rs) throws SQLException {
        return new Order(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
    }

    /** Inserts one order in a transaction of its own on {@code dataSource}. */
    public static void insert(DataSource dataSource, Order order) throws SQLException {
        inTransaction(dataSource, c -> insert(c, order));
    }

    /** Inserts one order on {@code c}, in whatever transaction {@code c} is in. */
    public static void insert(Connection c, Order order) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ORDER)) {
            bind(ps, order);
            ps.executeUpdate();
        }
    }

    /**
     * Places an order in one transaction on {@code dataSource}: the order row, {@value #ITEMS_PER_ORDER} item
     * rows in one batch, and the event announcing it, appended by {@code outbox} on the same connection.
     */
    public static void placeOrder(DataSource dataSource, long orderId, OutboxAppend outbox) throws SQLException {
        inTransaction(dataSource, c -> {
            writeOrder(c, orderId);
            outbox.append(c, orderId);
        });
    }

    /** How an order-placement transaction appends its event to the outbox. */
    @FunctionalInterface
    public interface OutboxAppend {
        void append(Connection connection, long orderId) throws SQLException;
    }

    /** The event's payload for an order. */
    public static String orderPlacedPayload(long orderId) {
        return "{\"orderId\":" + orderId + "}";
    }

    /**
     * Appends the order's event to the shipped {@code outbox} table by hand, as {@code OutboxWriter} does (same
     * statement, generated id read back) but without its checks: direct JDBC's equivalent.
     */
    public static void appendOutboxByHand(Connection c, long orderId) throws SQLException {
        try (PreparedStatement event = c.prepareStatement(INSERT_OUTBOX, OUTBOX_ID)) {
            event.setString(1, "Order");
            event.setString(2, Long.toString(orderId));
            event.setString(3, "OrderPlaced");
            event.setString(4, orderPlacedPayload(orderId));
            event.setTimestamp(5, Timestamp.from(Instant.now()));
            event.executeUpdate();
            try (ResultSet keys = event.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated outbox id");
                }
            }
        }
    }

    /** Runs {@code work} on one connection in one transaction: committed when it returns, rolled back if not. */
    private static void inTransaction(DataSource dataSource, TransactionWork work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Statements that run inside {@link #inTransaction}. */
    @FunctionalInterface
    private interface TransactionWork {
        void run(Connection connection) throws SQLException;
    }

    private static void writeOrder(Connection c, long orderId) throws SQLException {
        insert(c, new Order(orderId, orderId % 1_000, 300, "NEW"));
        try (PreparedStatement item = c.prepareStatement(INSERT_ITEM)) {
            for (int i = 0; i < ITEMS_PER_ORDER; i++) {
                item.setLong(1, orderId * ITEMS_PER_ORDER + i);
                item.setLong(2, orderId);
                item.setString(3, "SKU-" + i);
                item.setInt(4, 1);
                item.setLong(5, 100);
                item.addBatch();
            }
            item.executeBatch();
        }
    }

    static void bind(PreparedStatement insert, Order order) throws SQLException {
        insert.setLong(1, order.orderId());
        insert.setLong(2, order.customerId());
        insert.setLong(3, order.amount());
        insert.setString(4, order.status());
    }
}
