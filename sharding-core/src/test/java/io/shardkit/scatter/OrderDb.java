package io.shardkit.scatter;

import io.shardkit.scatter.paging.SortKeyCodec;
import io.shardkit.scatter.paging.SortKeyCodecs;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/** The orders table of the scatter-gather tests, with plain JDBC helpers (sharding-core has no JdbcTemplate). */
public final class OrderDb {

    public static final String DDL = "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
            + "merchant_id INT NOT NULL, amount DECIMAL(12,2) NOT NULL, created_at TIMESTAMP(9) WITH TIME ZONE "
            + "NOT NULL)";
    public static final String COLUMNS = "id, customer_id, merchant_id, amount, created_at";
    public static final Instant EPOCH = Instant.parse("2025-01-01T12:00:00Z");

    /** A composite sort key: a time that repeats, made unique by the id. */
    public record TimeId(Instant at, long id) {
        public static final Comparator<TimeId> ORDER = Comparator.comparing(TimeId::at)
                .thenComparingLong(TimeId::id);
        public static final SortKeyCodec<TimeId> CODEC = SortKeyCodecs.composite(TimeId::at,
                SortKeyCodecs.instants(), TimeId::id, SortKeyCodecs.longs(), TimeId::new);
    }

    /** One order row. */
    public record Order(long id, long customerId, int merchantId, BigDecimal amount, Instant createdAt) {
        /** Newest first, id as tie-breaker. */
        static final Comparator<Order> NEWEST_FIRST = Comparator.comparing(Order::createdAt)
                .thenComparingLong(Order::id).reversed();
        static final Comparator<Order> BY_ID = Comparator.comparingLong(Order::id);

        public TimeId key() {
            return new TimeId(createdAt, id);
        }
    }

    /** A parameterized row reader. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private OrderDb() {
    }

    /** {@code count} random orders over customers {@code 1..customers}, times within an hour (seconds repeat). */
    public static List<Order> randomOrders(Random random, int count, long firstId, int customers) {
        List<Order> orders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            orders.add(randomOrder(random, firstId + i, customers));
        }
        return orders;
    }

    public static Order randomOrder(Random random, long id, int customers) {
        return new Order(id, 1 + random.nextInt(customers), random.nextInt(20),
                BigDecimal.valueOf(100 + random.nextInt(100_000), 2), EPOCH.plusSeconds(random.nextInt(3600)));
    }

    public static void create(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(DDL);
            // Keyset pages seek on (created_at, id); without the index every page would scan and sort.
            st.execute("CREATE INDEX orders_created ON orders (created_at, id)");
            st.execute("CREATE INDEX orders_customer ON orders (customer_id)");
        }
    }

    public static void insert(DataSource ds, List<Order> orders) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (" + COLUMNS + ") VALUES (?,?,?,?,?)")) {
            for (Order o : orders) {
                ps.setLong(1, o.id());
                ps.setLong(2, o.customerId());
                ps.setInt(3, o.merchantId());
                ps.setBigDecimal(4, o.amount());
                ps.setObject(5, OffsetDateTime.ofInstant(o.createdAt(), ZoneOffset.UTC));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static <T> List<T> query(DataSource ds, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i] instanceof Instant at ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : params[i];
                ps.setObject(i + 1, p);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    /** Reads {@code merchant_id, SUM(amount), COUNT(*), AVG(amount)} as {merchant, SumCount, avg}. */
    public static final class GroupRow {
        private GroupRow() {
        }

        static Object[] read(ResultSet rs) throws SQLException {
            return new Object[] {rs.getInt(1), SumCount.of(rs.getBigDecimal(2), rs.getLong(3)), rs.getBigDecimal(4)};
        }
    }

    public static Order order(ResultSet rs) throws SQLException {
        return new Order(rs.getLong("id"), rs.getLong("customer_id"), rs.getInt("merchant_id"),
                rs.getBigDecimal("amount"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
