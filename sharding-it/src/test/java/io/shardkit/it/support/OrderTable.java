package io.shardkit.it.support;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@code orders} table the integration tests write, in SQL that PostgreSQL, MariaDB and H2 all accept, and
 * the plain JDBC the tests use on it. Reads go to one shard's own DataSource, never through routing, so that
 * they see where rows really are.
 *
 * <p>Stateless and thread-safe.
 */
public final class OrderTable {

    public static final String DDL = "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
            + "amount BIGINT NOT NULL)";

    private OrderTable() {
    }

    /** One row as read back. */
    public record Row(long id, long customerId, long amount) {
    }

    /** Creates the table on every shard of {@code registry}, dropping an older one first. */
    public static void createOn(ShardRegistry registry) throws SQLException {
        for (Shard shard : registry.shards()) {
            createOn(shard.dataSource());
        }
    }

    /** Creates the table in {@code dataSource}, dropping an older one first. */
    public static void createOn(DataSource dataSource) throws SQLException {
        execute(dataSource, "DROP TABLE IF EXISTS orders", DDL);
    }

    /** Empties the table on every shard. */
    public static void clear(ShardRegistry registry) throws SQLException {
        for (Shard shard : registry.shards()) {
            execute(shard.dataSource(), "DELETE FROM orders");
        }
    }

    public static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** Inserts one order on {@code connection} (its transaction, if one is open). */
    public static void insert(Connection connection, long id, long customerId, long amount) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO orders (id, customer_id, amount) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, customerId);
            ps.setLong(3, amount);
            ps.executeUpdate();
        }
    }

    /** Inserts one order in its own auto-committed statement on a connection from {@code dataSource}. */
    public static void insert(DataSource dataSource, long id, long customerId, long amount) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            insert(c, id, customerId, amount);
        }
    }

    /** Every row on {@code shard}, by id. */
    public static List<Row> rowsOn(Shard shard) throws SQLException {
        return query(shard.dataSource(), "SELECT id, customer_id, amount FROM orders ORDER BY id");
    }

    /** The rows of one customer, read through {@code dataSource} (the routing DataSource, in tests). */
    public static List<Row> byCustomer(DataSource dataSource, long customerId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return byCustomer(c, customerId);
        }
    }

    /** The rows of one customer, read on {@code connection} (inside its transaction, if one is open). */
    public static List<Row> byCustomer(Connection connection, long customerId) throws SQLException {
        return query(connection, "SELECT id, customer_id, amount FROM orders WHERE customer_id = "
                + customerId + " ORDER BY id");
    }

    /** Up to {@code limit} rows on {@code shard} with an id above {@code afterId} ({@code null}: from the start), by id. */
    public static List<Row> pageOn(Shard shard, @Nullable Long afterId, int limit) throws SQLException {
        return query(shard.dataSource(), "SELECT id, customer_id, amount FROM orders WHERE id > "
                + (afterId == null ? Long.MIN_VALUE : afterId) + " ORDER BY id LIMIT " + limit);
    }

    private static List<Row> query(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql);
        }
    }

    private static List<Row> query(Connection connection, String sql) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return rows;
    }

    /** How many rows the table holds where {@code dataSource} leads (the bound shard, through routing). */
    public static long count(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** How many rows all shards of {@code registry} hold together. */
    public static long countAll(ShardRegistry registry) throws SQLException {
        long total = 0;
        for (Shard shard : registry.shards()) {
            total += rowsOn(shard).size();
        }
        return total;
    }
}
