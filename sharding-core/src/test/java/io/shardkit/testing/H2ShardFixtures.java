package io.shardkit.testing;

import io.shardkit.Shard;
import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardingRule;
import io.shardkit.strategy.ShardingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * In-memory H2 shards for tests, the one fixture every module's tests build databases with (through the core
 * test-jar): every url is a fresh database, so tests and parallel builds never share data.
 *
 * <p>Stateless and thread-safe.
 */
public final class H2ShardFixtures {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private H2ShardFixtures() {
    }

    /** A url of a new, empty in-memory database that lives until the JVM exits; {@code label} is for humans. */
    public static String uniqueUrl(String label) {
        return url(label + "-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID());
    }

    /**
     * The url of in-memory database {@code name}, kept until the JVM exits; the caller makes the name unique
     * (e.g. a run id and a shard number, so the url ends with the shard number).
     */
    public static String url(String name) {
        return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    /** A DataSource (no pool) on a new, empty in-memory database. */
    public static DataSource dataSource(String label) {
        return dataSource(label, "");
    }

    /** {@link #dataSource(String)} with H2 url settings appended, e.g. {@code ";MODE=PostgreSQL"}. */
    public static DataSource dataSource(String label, String settings) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(uniqueUrl(label) + settings);
        h2.setUser("sa");
        return h2;
    }

    /** A DataSource whose every connection attempt fails at once: its in-memory database does not exist. */
    public static DataSource missingDatabase(String label) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + label + "-missing-" + UUID.randomUUID() + ";IFEXISTS=TRUE");
        return h2;
    }

    /** {@code count} shards named {@code <label>0..} (index = position), each on its own new database. */
    public static List<Shard> shards(String label, int count) {
        List<Shard> shards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            shards.add(new Shard(label + i, i, dataSource(label + i)));
        }
        return shards;
    }

    /** A hash rule named {@code rule} over {@code count} fresh shards named {@code s0..s<count-1>}. */
    public static ShardingRule hashRule(String rule, int count) {
        return new ShardingRule(rule, shards("s", count), ShardingStrategies.hash(count));
    }

    /** A small pool config on a new in-memory database. */
    public static ShardPoolConfig pool(String label) {
        return ShardPoolConfig.custom().url(uniqueUrl(label)).maximumPoolSize(2).minimumIdle(0).build();
    }

    /**
     * A pool config whose url points at a local TCP port nothing listens on: every connection attempt is refused
     * at once, so the caller waits only for the pool's {@code connectionTimeout}.
     */
    public static ShardPoolConfig unreachablePool(Duration connectionTimeout) {
        return ShardPoolConfig.custom().url(unreachableUrl())
                .maximumPoolSize(1).minimumIdle(0).connectionTimeout(connectionTimeout).build();
    }

    /** A url of a local TCP port nothing listens on: every connection attempt is refused at once. */
    public static String unreachableUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/mem:gone";
    }

    /** Creates table {@code marker(name)} holding one row, {@code name}, so a test can tell databases apart. */
    public static void mark(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE marker(name VARCHAR(100))");
            s.execute("INSERT INTO marker VALUES ('" + name.replace("'", "''") + "')");
        } catch (SQLException ex) {
            throw new IllegalStateException("could not mark " + dataSource, ex);
        }
    }

    /** The marker row of the database {@code connection} belongs to. */
    public static String marker(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); var rs = s.executeQuery("SELECT name FROM marker")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int closedPort() {
        // Bound then released: nothing listens there afterwards (a race with another process is unlikely).
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
