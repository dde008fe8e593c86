package io.shardkit.benchmarks.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The schema and the SQL every peer runs, so that peers differ only in how they pick the shard. Statements
 * are prepared per call, as application code does; the pools and ShardingSphere may cache them.
 *
 * <p>Stateless and thread-safe.
 */
public final class OrderSql {

    /** The tables on every shard: orders, their items and an outbox (a plain one until shardkit ships its own). */
    static final String[] DDL = {
        "CREATE TABLE t_order (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, amount BIGINT NOT NULL,"
                + " status VARCHAR(16) NOT NULL)",
        "CREATE TABLE t_order_item (item_id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, sku VARCHAR(32) NOT NULL,"
                + " quantity INT NOT NULL, price BIGINT NOT NULL)",
        "CREATE TABLE t_outbox (event_id BIGINT PRIMARY KEY, aggregate_id BIGINT NOT NULL,"
                + " event_type VARCHAR(32) NOT NULL, payload VARCHAR(255) NOT NULL)",
    };

    public static final String SELECT_ORDER =
            "SELECT order_id, customer_id, amount, status FROM t_order WHERE order_id = ?";
    public static final String INSERT_ORDER =
            "INSERT INTO t_order (order_id, customer_id, amount, status) VALUES (?, ?, ?, ?)";

    static final String INSERT_ITEM =
            "INSERT INTO t_order_item (item_id, order_id, sku, quantity, price) VALUES (?, ?, ?, ?, ?)";
    static final String INSERT_OUTBOX =
            "INSERT INTO t_outbox (event_id, aggregate_id, event_type, payload) VALUES (?, ?, ?, ?)";
    /** Items per placed order. */
    public static final int ITEMS_PER_ORDER = 3;

    private OrderSql() {
    }

    /** Reads one order from {@code dataSource}; {@code null} when it holds no such order. */
    public static @Nullable Order find(DataSource dataSource, long orderId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT_ORDER)) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Order(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)) : null;
            }
        }
    }

    /** Inserts one order in a transaction of its own on {@code dataSource}. */
    public static void insert(DataSource dataSource, Order order) throws SQLException {
        inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_ORDER)) {
                bind(ps, order);
                ps.executeUpdate();
            }
        });
    }

    /**
     * Places an order in one transaction on {@code dataSource}: the order row, {@value #ITEMS_PER_ORDER} item
     * rows in one batch and an outbox row announcing it.
     */
    public static void placeOrder(DataSource dataSource, long orderId) throws SQLException {
        inTransaction(dataSource, c -> writeOrder(c, orderId));
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
        try (PreparedStatement order = c.prepareStatement(INSERT_ORDER)) {
            bind(order, new Order(orderId, orderId % 1_000, 300, "NEW"));
            order.executeUpdate();
        }
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
        try (PreparedStatement event = c.prepareStatement(INSERT_OUTBOX)) {
            event.setLong(1, orderId);
            event.setLong(2, orderId);
            event.setString(3, "OrderPlaced");
            event.setString(4, "{\"orderId\":" + orderId + "}");
            event.executeUpdate();
        }
    }

    static void bind(PreparedStatement insert, Order order) throws SQLException {
        insert.setLong(1, order.orderId());
        insert.setLong(2, order.customerId());
        insert.setLong(3, order.amount());
        insert.setString(4, order.status());
    }
}
