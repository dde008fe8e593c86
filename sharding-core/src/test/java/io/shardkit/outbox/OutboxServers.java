package io.shardkit.outbox;

import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture: the PostgreSQL and MariaDB servers of the build machine (trust / empty-password auth), and fresh
 * databases on them as shards. Override the admin urls with {@code -Dshardkit.it.postgresql.url=...} /
 * {@code -Dshardkit.it.mariadb.url=...}.
 *
 * <p>An unreachable server skips the test outside CI, with a message saying how to start it, and FAILS it under
 * {@code CI=true}: a CI run that silently skipped every real-server test would prove nothing (the same rule as
 * sharding-it's {@code RealServers}).
 */
public final class OutboxServers {

    private static final String PG = System.getProperty("shardkit.it.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String MARIADB = System.getProperty("shardkit.it.mariadb.url",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=");

    private final String admin;
    private final List<String> databases = new ArrayList<>();

    private OutboxServers(String admin) {
        this.admin = admin;
    }

    /** The server named {@code database} ({@code postgresql} or {@code mariadb}); skips or fails if unreachable. */
    public static OutboxServers require(String database) {
        String admin = database.equals("postgresql") ? PG : MARIADB;
        String problem = probe(admin);
        if (problem != null) {
            String message = database + " is not reachable at " + admin + " (" + problem + "); start it with "
                    + (database.equals("postgresql")
                    ? "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
                    : "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true, so this is a failure rather than a skip: " + message);
            }
            Assumptions.abort(message);
        }
        return new OutboxServers(admin);
    }

    /** A registry of {@code count} shards named {@code shard-<i>}, each a fresh database dropped by {@link #drop()}. */
    public ShardRegistry createShards(int count, int poolSize) {
        ShardRegistryBuilder builder = ShardRegistry.builder();
        for (int i = 0; i < count; i++) {
            String name = "outbox_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            execute("CREATE DATABASE " + name);
            databases.add(name);
            // Same server, another database: swap the database segment of the admin url.
            String url = admin.replaceFirst("/test\\?", "/" + name + "?");
            builder.shard("shard-" + i, ShardPoolConfig.custom().url(url).maximumPoolSize(poolSize).build());
        }
        return builder.build();
    }

    /** Drops every database {@link #createShards} created. */
    public void drop() {
        databases.forEach(name -> execute("DROP DATABASE IF EXISTS " + name));
        databases.clear();
    }

    private static String probe(String url) {
        try (Connection ignored = DriverManager.getConnection(url)) {
            return null;
        } catch (SQLException ex) {
            return ex.getMessage();
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
        }
    }
}
