package io.shardkit.benchmarks.reshard;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.reshard.BucketMove;
import io.shardkit.reshard.MoveListener;
import io.shardkit.reshard.MovePlan;
import io.shardkit.reshard.MoveReport;
import io.shardkit.reshard.MoveStep;
import io.shardkit.reshard.MoveTable;
import io.shardkit.reshard.ReshardConfig;
import io.shardkit.reshard.Resharder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A measured run of the mover's copy rate: {@code orders} orders with two items each on one shard, a bucketed rule
 * of 1024 buckets over two shards seeded on the first, then an even plan moves half the buckets (half the rows) to
 * the second with no writes running. Prints rows copied per second beside the baseline: the same number of rows
 * inserted into an empty database with plain JDBC batches. Arguments: {@code [h2|postgresql|mariadb] [orders]};
 * the two servers are the local ones.
 */
public final class CopyRateRun {

    private CopyRateRun() {
    }

    public static void main(String[] args) throws SQLException {
        String db = args.length > 0 ? args[0] : "h2";
        int orders = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        // Pooled, as an application's shards are: the mover takes connections per step and per bucket.
        List<Shard> shards = List.of(new Shard("c0", 0, pooled(dataSource(db, 0))),
                new Shard("c1", 1, pooled(dataSource(db, 1))));
        for (Shard shard : shards) {
            schema(shard.dataSource(), db);
        }
        long baseline = fill(shards.get(0).dataSource(), orders);
        analyze(shards.get(0).dataSource(), db);
        BucketedStrategy strategy = BucketedStrategy.create("orders", shards, 1024, 1);
        StepTimes steps = new StepTimes();
        ShardingRule rule = new ShardingRule("orders", shards, strategy);
        Resharder resharder = Resharder.builder(rule)
                .tables(MoveTable.root("orders", "customer_id", "id"), MoveTable.child("order_items", "order_id",
                        "orders"))
                .config(ReshardConfig.custom().concurrency(1).build()).listener(steps).build();
        MovePlan plan = resharder.expand(List.of("c0", "c1"));
        MoveReport report = resharder.run(plan);
        System.out.printf("%s: %d orders + %d items on the source; baseline (plain batched insert) %,.0f rows/s;"
                        + " copy step %,d rows in %d ms = %,.0f rows/s; whole move of %d buckets (catch-up, a cutover"
                        + " and verify per bucket) %d ms; fence p50/p99/max %d/%d/%d ms%n", db, orders, orders * 2,
                orders * 3 / (baseline / 1e9), report.copy().rows(), report.copy().time().toMillis(),
                report.copy().rate(), report.buckets().size(), report.elapsed().toMillis(),
                report.fencePercentile(50).toMillis(),
                report.fencePercentile(99).toMillis(), report.fencePercentile(100).toMillis());
        System.out.println("cutover steps, summed over the buckets: " + steps);
    }

    /**
     * Where a cutover's time goes: for each of its steps, the time from its start to the start of the bucket's next
     * step (FLIP_TARGET runs until the flip is reported, which includes telling the other shards), summed over the
     * buckets. The fence of a bucket is FENCE through FLIP_SOURCE. (MARK and CATCH_UP of a group's buckets run one
     * after another before the cutovers, so their per-bucket spans overlap and are left out.)
     */
    private static final class StepTimes implements MoveListener {
        private final LongAdder[] nanos = new LongAdder[MoveStep.values().length];
        private final Map<Integer, Object[]> current = new ConcurrentHashMap<>();

        StepTimes() {
            for (MoveStep step : MoveStep.values()) {
                nanos[step.ordinal()] = new LongAdder();
            }
        }

        @Override
        public void beforeStep(BucketMove move, MoveStep step) {
            close(move.bucket());
            current.put(move.bucket(), new Object[] {step, System.nanoTime()});
        }

        @Override
        public void moved(MoveReport.BucketResult result) {
            close(result.move().bucket());
        }

        private void close(int bucket) {
            Object[] open = current.remove(bucket);
            if (open != null) {
                nanos[((MoveStep) open[0]).ordinal()].add(System.nanoTime() - (Long) open[1]);
            }
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            for (MoveStep step : MoveStep.values()) {
                if (step.compareTo(MoveStep.FENCE) < 0 || step == MoveStep.CLEANUP) {
                    continue;
                }
                out.append(step).append(' ').append(nanos[step.ordinal()].sum() / 1_000_000).append(" ms  ");
            }
            return out.toString().trim();
        }
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

    private static DataSource pooled(DataSource unpooled) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(unpooled);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    /** The source's planner statistics, as a production database's would be (autovacuum / InnoDB's own). */
    private static void analyze(DataSource ds, String db) throws SQLException {
        if (db.equals("h2")) {
            return;
        }
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            String analyze = db.equals("postgresql") ? "ANALYZE " : "ANALYZE TABLE ";
            st.execute(analyze + "orders");
            st.execute(analyze + "order_items");
        }
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

    /**
     * Shard {@code i}: an in-memory H2 database, or database {@code shardkit_copy_<i>} of the local PostgreSQL
     * (127.0.0.1:5432, user postgres) or MariaDB (127.0.0.1:3306, root) server, created when missing.
     */
    private static DataSource dataSource(String db, int i) throws SQLException {
        String name = "shardkit_copy_" + i;
        switch (db) {
            case "postgresql" -> {
                PGSimpleDataSource admin = new PGSimpleDataSource();
                admin.setUrl("jdbc:postgresql://127.0.0.1:5432/postgres");
                admin.setUser("postgres");
                try (Connection c = admin.getConnection(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                    if (!rs.next()) {
                        st.execute("CREATE DATABASE " + name);
                    }
                }
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setUrl("jdbc:postgresql://127.0.0.1:5432/" + name);
                pg.setUser("postgres");
                return pg;
            }
            case "mariadb" -> {
                MariaDbDataSource admin = new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/?user=root");
                try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE IF NOT EXISTS " + name);
                }
                return new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/" + name + "?user=root");
            }
            case "h2" -> {
                // below
            }
            default -> throw new IllegalArgumentException("database must be h2, postgresql or mariadb: " + db);
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:copy" + i + "_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }
}
