package io.shardkit.benchmarks.reshard;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.reshard.MovePlan;
import io.shardkit.reshard.MoveReport;
import io.shardkit.reshard.MoveTable;
import io.shardkit.reshard.ReshardConfig;
import io.shardkit.reshard.Resharder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A measured run of the mover's copy rate: {@code orders} orders with two items each on one shard, a bucketed rule
 * of 1024 buckets over two shards seeded on the first, then an even plan moves half the buckets (half the rows) to
 * the second with no writes running. Prints rows copied per second beside the baseline: the same number of rows
 * inserted into an empty database with plain JDBC batches. Arguments: {@code [h2] [orders]}.
 */
public final class CopyRateRun {

    private CopyRateRun() {
    }

    public static void main(String[] args) throws SQLException {
        String db = args.length > 0 ? args[0] : "h2";
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        List<Shard> shards = List.of(new Shard("c0", 0, dataSource(db, 0)), new Shard("c1", 1, dataSource(db, 1)));
        for (Shard shard : shards) {
            schema(shard.dataSource(), db);
        }
        long baseline = fill(shards.get(0).dataSource(), orders);
        BucketedStrategy strategy = BucketedStrategy.create("orders", shards, 1024, 1);
        ShardingRule rule = new ShardingRule("orders", shards, strategy);
        Resharder resharder = Resharder.builder(rule)
                .tables(MoveTable.root("orders", "customer_id", "id"), MoveTable.child("order_items", "order_id",
                        "orders"))
                .config(ReshardConfig.custom().concurrency(1).build()).build();
        MovePlan plan = resharder.expand(List.of("c0", "c1"));
        MoveReport report = resharder.run(plan);
        System.out.printf("%s: %d orders + %d items on the source; baseline (plain batched insert) %,.0f rows/s;"
                        + " copy step %,d rows in %d ms = %,.0f rows/s; whole move of %d buckets (catch-up, a cutover"
                        + " and verify per bucket) %d ms; fence p50/p99/max %d/%d/%d ms%n", db, orders, orders * 2,
                orders * 3 / (baseline / 1e9), report.copy().rows(), report.copy().time().toMillis(),
                report.copy().rate(), report.buckets().size(), report.elapsed().toMillis(), report.fencePercentile(50).toMillis(),
                report.fencePercentile(99).toMillis(), report.fencePercentile(100).toMillis());
    }

    /** Inserts the orders and items; returns the nanoseconds it took. */
    private static long fill(DataSource ds, int orders) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = ds.getConnection();
             PreparedStatement o = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, 'NEW')");
             PreparedStatement i = c.prepareStatement("INSERT INTO order_items VALUES (?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (long id = 1; id <= orders; id++) {
                o.setLong(1, id);
                o.setLong(2, id % (orders / 3 + 1));
                o.setBigDecimal(3, java.math.BigDecimal.valueOf(id % 10_000, 2));
                o.addBatch();
                for (int k = 0; k < 2; k++) {
                    i.setLong(1, id * 2 + k);
                    i.setLong(2, id);
                    i.setString(3, "sku-" + k);
                    i.setInt(4, k + 1);
                    i.addBatch();
                }
                if (id % 1000 == 0) {
                    o.executeBatch();
                    i.executeBatch();
                    c.commit();
                }
            }
            o.executeBatch();
            i.executeBatch();
            c.commit();
        }
        return System.nanoTime() - start;
    }

    private static void schema(DataSource ds, String db) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS order_items");
            st.execute("DROP TABLE IF EXISTS orders");
            st.execute("DROP TABLE IF EXISTS shardkit_bucket_map");
            st.execute("DROP TABLE IF EXISTS shardkit_bucket_journal");
            st.execute("DROP TABLE IF EXISTS shardkit_bucket_move");
            st.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,"
                    + " amount DECIMAL(12, 2) NOT NULL, status VARCHAR(16) NOT NULL)");
            st.execute("CREATE INDEX orders_customer ON orders (customer_id)");
            st.execute("CREATE TABLE order_items (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL,"
                    + " sku VARCHAR(32) NOT NULL, qty INT NOT NULL)");
            st.execute("CREATE INDEX order_items_order ON order_items (order_id)");
        }
    }

    private static DataSource dataSource(String db, int i) {
        if (!db.equals("h2")) {
            throw new IllegalArgumentException("this module ships only the H2 driver; database must be h2: " + db);
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:copy" + i + "_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }
}
