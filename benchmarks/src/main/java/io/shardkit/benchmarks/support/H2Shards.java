package io.shardkit.benchmarks.support;

import io.shardkit.ShardingStrategy;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Embedded in-memory H2 databases standing in for shards, with the order schema created and, on request,
 * seeded. Which shard holds a key is decided by shardkit's {@code ShardingStrategies.hash(count)} for every
 * peer, so that each peer reads the rows the others read.
 *
 * <p>Every instance has databases of its own (a random name prefix), so benchmarks and tests in one JVM never
 * share rows. The databases live until {@link #close()} shuts them down. Not thread-safe while seeding; the
 * accessors are safe to call from any thread afterwards.
 */
public final class H2Shards implements AutoCloseable {

    /** The rule name every peer routes by; it appears only in error messages. */
    public static final String RULE = "orders";

    /** Name of the shard at {@code index} in every peer's configuration (ShardingSphere's data source name). */
    public static String shardName(int index) {
        return "ds_" + index;
    }

    private final List<String> urls;
    private final ShardingStrategy strategy;

    private H2Shards(List<String> urls) {
        this.urls = List.copyOf(urls);
        this.strategy = ShardingStrategies.hash(urls.size());
    }

    /** Creates {@code count} empty shards holding the order schema and shardkit's outbox table. */
    public static H2Shards create(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("shard count must be >= 1 but was " + count);
        }
        String prefix = "bench_" + UUID.randomUUID().toString().substring(0, 8);
        List<String> urls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            urls.add("jdbc:h2:mem:" + prefix + "_" + i + ";DB_CLOSE_DELAY=-1");
        }
        H2Shards shards = new H2Shards(urls);
        shards.executeOnEveryShard(OrderSql.DDL);
        shards.createOutboxTables();
        return shards;
    }

    public int count() {
        return urls.size();
    }

    /** JDBC url of the shard at {@code index}; user {@code sa}, empty password. */
    public String url(int index) {
        return urls.get(index);
    }

    /** The placement every peer uses. */
    public ShardingStrategy strategy() {
        return strategy;
    }

    /** The index of the shard that holds {@code orderId}. */
    public int shardOf(long orderId) {
        return strategy.shardOf(RULE, orderId);
    }

    /** Inserts orders {@code 1..orders}, each on its own shard, with values derived from the id. */
    public H2Shards seedOrders(int orders) {
        Connection[] connections = new Connection[count()];
        PreparedStatement[] inserts = new PreparedStatement[count()];
        try {
            for (int i = 0; i < count(); i++) {
                connections[i] = open(i);
                connections[i].setAutoCommit(false);
                inserts[i] = connections[i].prepareStatement(OrderSql.INSERT_ORDER);
            }
            for (long id = 1; id <= orders; id++) {
                OrderSql.bind(inserts[shardOf(id)], seededOrder(id));
                inserts[shardOf(id)].addBatch();
            }
            for (int i = 0; i < count(); i++) {
                inserts[i].executeBatch();
                connections[i].commit();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("seeding " + orders + " orders failed: " + ex.getMessage(), ex);
        } finally {
            closeAll(connections);
        }
        return this;
    }

    /** The order {@link #seedOrders(int)} writes for {@code id}. */
    public static Order seededOrder(long id) {
        return new Order(id, id % 1_000, id * 10, id % 2 == 0 ? "PAID" : "NEW");
    }

    /** Runs the statements on every shard, e.g. to empty tables between iterations. */
    public void executeOnEveryShard(String... sql) {
        for (int i = 0; i < count(); i++) {
            try (Connection c = open(i); Statement s = c.createStatement()) {
                for (String statement : sql) {
                    s.execute(statement);
                }
            } catch (SQLException ex) {
                throw new IllegalStateException("statement failed on shard " + i + ": " + ex.getMessage(), ex);
            }
        }
    }

    private void createOutboxTables() {
        for (int i = 0; i < count(); i++) {
            try (Connection c = open(i)) {
                OutboxSchema.create(c);
            } catch (SQLException ex) {
                throw new IllegalStateException("outbox DDL failed on shard " + i + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** Counts the rows of {@code table} over every shard. */
    public long countRows(String table) {
        long total = 0;
        for (int i = 0; i < count(); i++) {
            try (Connection c = open(i); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                total += rs.getLong(1);
            } catch (SQLException ex) {
                throw new IllegalStateException("count failed on shard " + i + ": " + ex.getMessage(), ex);
            }
        }
        return total;
    }

    private Connection open(int index) throws SQLException {
        return DriverManager.getConnection(url(index), "sa", "");
    }

    private static void closeAll(Connection[] connections) {
        for (Connection c : connections) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // Closing a fixture connection; the data is already committed or the failure reported.
                }
            }
        }
    }

    /** Shuts every shard's database down, dropping its data. */
    @Override
    public void close() {
        executeOnEveryShard("SHUTDOWN");
    }
}
