package io.shardkit.it.support;

import io.shardkit.ShardPoolConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * N freshly created databases on one {@link RealServer}, one per shard, dropped again by {@link #close()}.
 *
 * <p>Names are {@code shardkit_it_<pid>_<random>_<i>}: unique per test class, and carrying the creating JVM's
 * pid so that {@link #create} can drop what an earlier, killed run left behind without touching the databases
 * of a run that is still going.
 *
 * <p>Not thread-safe: create and close it from one thread (a test class's {@code @BeforeAll} / {@code @AfterAll}).
 */
public final class ShardDatabases implements ShardDatabaseSet {

    static final String PREFIX = "shardkit_it_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)_[0-9a-f]+_\\d+");

    private final RealServer server;
    private final List<String> names;

    private ShardDatabases(RealServer server, List<String> names) {
        this.server = server;
        this.names = List.copyOf(names);
    }

    /** Creates {@code count} databases on {@code server} (skipping or failing first when it is unreachable). */
    public static ShardDatabases create(RealServer server, int count) {
        RealServers.require(server);
        String run = PREFIX + ProcessHandle.current().pid() + "_"
                + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT) + "_";
        List<String> names = new ArrayList<>();
        try (Connection c = server.adminConnection(); Statement st = c.createStatement()) {
            dropLeftovers(server, st);
            for (int i = 0; i < count; i++) {
                String name = run + i;
                st.execute("CREATE DATABASE " + name);
                names.add(name);
            }
        } catch (SQLException ex) {
            new ShardDatabases(server, names).close();
            throw new IllegalStateException("could not create test databases on " + server.displayName(), ex);
        }
        return new ShardDatabases(server, names);
    }

    private static void dropLeftovers(RealServer server, Statement st) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(server.listDatabasesSql())) {
            while (rs.next()) {
                Matcher m = NAME.matcher(rs.getString(1));
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    stale.add(m.group());
                }
            }
        }
        for (String name : stale) {
            st.execute(server.dropDatabaseSql(name));
        }
    }

    public RealServer server() {
        return server;
    }

    /** The database names, shard 0 first. */
    public List<String> names() {
        return names;
    }

    @Override
    public int size() {
        return names.size();
    }

    /** The pool config of database {@code i}, with the test defaults. */
    @Override
    public ShardPoolConfig.Builder poolConfig(int i) {
        return server.poolConfig(names.get(i));
    }

    /** Drops every database this instance created; failures are reported, not thrown, so all are tried. */
    @Override
    public void close() {
        try (Connection c = server.adminConnection(); Statement st = c.createStatement()) {
            for (String name : names) {
                try {
                    st.execute(server.dropDatabaseSql(name));
                } catch (SQLException ex) {
                    System.err.println("shardkit-it: could not drop " + name + ": " + ex.getMessage());
                }
            }
        } catch (SQLException ex) {
            System.err.println("shardkit-it: could not drop test databases " + names + " on "
                    + server.displayName() + ": " + ex.getMessage());
        }
    }
}
