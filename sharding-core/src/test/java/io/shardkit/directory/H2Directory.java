package io.shardkit.directory;

import io.shardkit.testing.H2ShardFixtures;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A private in-memory H2 database for one test, with a DataSource that counts the connections it hands out
 * (a directory that touches the database takes one). Close it to drop the database.
 */
final class H2Directory implements AutoCloseable {

    private final DataSource h2 = H2ShardFixtures.dataSource("dir");
    private final AtomicInteger connections = new AtomicInteger();
    private final DataSource counting;

    H2Directory() {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
            }
            try {
                return method.invoke(h2, args);
            } catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        };
        counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                handler);
    }

    /** The counting DataSource. */
    DataSource dataSource() {
        return counting;
    }

    /** The H2 DataSource itself, for fixtures that must not count. */
    DataSource raw() {
        return h2;
    }

    int connections() {
        return connections.get();
    }

    H2Directory createTable(String table) {
        for (String sql : DirectoryDialect.H2.statements(table)) {
            execute(sql);
        }
        return this;
    }

    void execute(String sql) {
        try (Connection c = h2.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException(sql, ex);
        }
    }

    /** Every row of {@code table} as "type:key" -> shard name. */
    Map<String, String> rows(String table) {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = h2.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT key_type, shard_key, shard_name FROM " + table)) {
            while (rs.next()) {
                if (rows.put(rs.getString(1) + ":" + rs.getString(2), rs.getString(3)) != null) {
                    throw new AssertionError("two rows for " + rs.getString(1) + ":" + rs.getString(2));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        return rows;
    }

    @Override
    public void close() {
        execute("SHUTDOWN");
    }
}
