package io.shardkit.it.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardMigrationException;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardUnavailableException;
import io.shardkit.it.support.H2Databases;
import io.shardkit.it.support.ShardDatabaseSet;
import io.shardkit.spring.schema.DeferredMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.h2.tools.Server;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the migration tests check, for any tool: every shard migrated with its own history; one shard failing stops
 * the start naming it, with the shards before it migrated and those after it untouched.
 *
 * <p>Stateless and thread-safe.
 */
public final class MigrationChecks {

    private MigrationChecks() {
    }

    /** Starts {@code app} on {@code databases} and checks that every shard has table {@code parcel} and its history. */
    public static void everyShardMigrated(Class<?> app, ShardDatabaseSet databases, String historyTable,
                                          String... settings) {
        try (ConfigurableApplicationContext context = PersistenceApps.start(app, databases, settings).value()) {
            ShardRegistry registry = context.getBean(ShardRegistry.class);
            for (Shard shard : registry.shards()) {
                assertThat(ShardPlacement.direct(shard).queryForList("SELECT weight_grams FROM parcel")).isEmpty();
                assertThat(ShardPlacement.direct(shard).queryForObject("SELECT COUNT(*) FROM "
                        + quoted(shard, historyTable), Integer.class)).as("%s keeps its own history", shard.name())
                        .isGreaterThanOrEqualTo(2);
            }
        }
    }

    /**
     * With table {@code parcel} already on shard 2 (so its first migration fails), the start fails naming shard-2;
     * shards 0 and 1 were migrated, shard 3 was not touched.
     */
    public static void aFailingShardStopsTheStartNamingIt(Class<?> app, String tool, String historyTable,
                                                          String... settings) throws SQLException {
        H2Databases databases = H2Databases.create(4);
        try (Connection keep = DriverManager.getConnection(databases.poolConfig(2).build().url(), "sa", "");
             Connection shard3 = DriverManager.getConnection(databases.poolConfig(3).build().url(), "sa", "")) {
            keep.createStatement().execute("CREATE TABLE parcel (conflicting INT)");
            assertThatThrownBy(() -> PersistenceApps.start(app, databases, settings))
                    .satisfies(ex -> assertThat(PersistenceApps.causes(ex))
                            .filteredOn(ShardMigrationException.class::isInstance).first()
                            .isInstanceOfSatisfying(ShardMigrationException.class, m -> {
                                assertThat(m.getShard()).isEqualTo("shard-2");
                                assertThat(m.getTool()).isEqualTo(tool);
                                assertThat(m).hasMessageStartingWith("Shard 'shard-2': " + tool + " failed");
                            }));
            for (int i = 0; i < 2; i++) {
                try (Connection c = DriverManager.getConnection(databases.poolConfig(i).build().url(), "sa", "")) {
                    assertThat(tables(c)).as("shard-%d migrated", i).contains("PARCEL");
                }
            }
            assertThat(tables(shard3)).as("shard-3 untouched").doesNotContain("PARCEL",
                    historyTable.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A shard that cannot be reached at start-up fails the start naming it. */
    public static void anUnreachableShardStopsTheStartNamingIt(Class<?> app, String tool, String... settings) {
        H2Databases databases = H2Databases.create(2);
        List<String> all = new java.util.ArrayList<>(List.of(settings));
        all.add("shardkit.shards.shard-9.index=2");
        all.add("shardkit.shards.shard-9.url=jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/mem:gone");
        all.add("shardkit.shards.shard-9.pool.connection-timeout=250ms");
        assertThatThrownBy(() -> PersistenceApps.start(app, databases, all.toArray(String[]::new)))
                .satisfies(ex -> assertThat(PersistenceApps.causes(ex))
                        .filteredOn(ShardMigrationException.class::isInstance).first()
                        .isInstanceOfSatisfying(ShardMigrationException.class, m -> {
                            assertThat(m.getShard()).isEqualTo("shard-9");
                            assertThat(m).hasMessageStartingWith("Shard 'shard-9' is unavailable, so " + tool);
                        }));
    }

    /**
     * With {@code shardkit.schema.unreachable-shard=defer}, a shard whose server is down at start-up does not stop
     * the start: it refuses every call with {@link ShardUnavailableException} while {@code tool} waits on it, and
     * once its server is back the first call migrates it (its own history) and is served.
     */
    public static void anUnreachableShardIsMigratedWhenItComesBack(Class<?> app, String tool, String historyTable,
                                                                   String... settings) throws Exception {
        H2Databases databases = H2Databases.create(2);
        Path dir = Files.createTempDirectory("shardkit-deferred-migration");
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.toString()).start();
        int port = server.getPort();
        server.stop();
        List<String> all = new java.util.ArrayList<>(List.of(settings));
        all.add("shardkit.schema.unreachable-shard=defer");
        all.add("shardkit.shards.shard-9.index=2");
        all.add("shardkit.shards.shard-9.url=jdbc:h2:tcp://127.0.0.1:" + port + "/late");
        all.add("shardkit.shards.shard-9.username=sa");
        all.add("shardkit.shards.shard-9.pool.connection-timeout=250ms");
        try (ConfigurableApplicationContext context = PersistenceApps.start(app, databases,
                all.toArray(String[]::new)).value()) {
            ShardRegistry registry = context.getBean(ShardRegistry.class);
            DeferredMigrations deferred = context.getBean(DeferredMigrations.class);
            Shard late = registry.shard("shard-9");
            assertThat(deferred.waitingOn("shard-9")).containsExactly(tool);
            assertThat(ShardPlacement.direct(registry.shard("shard-0")).queryForList("SELECT * FROM parcel"))
                    .as("the reachable shards are migrated").isEmpty();
            assertThatThrownBy(() -> late.dataSource().getConnection().close())
                    .isInstanceOf(ShardUnavailableException.class).hasMessageContaining("shard-9");
            assertThat(late.refusal()).isPresent();

            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
                    dir.toString()).start();
            // The pool reconnects in the background: calls may still be refused (typed) until it has; the first
            // connection handed out is one the migration ran before.
            Connection first = await().atMost(Duration.ofSeconds(30)).ignoreException(ShardUnavailableException.class)
                    .until(() -> late.dataSource().getConnection(), c -> true);
            try (Connection c = first) {
                assertThat(tables(c)).as("migrated before it served").contains("PARCEL",
                        historyTable.toUpperCase(java.util.Locale.ROOT));
            }
            assertThat(deferred.waitingOn("shard-9")).isEmpty();
            assertThat(late.refusal()).isEmpty();
            assertThat(ShardPlacement.direct(late).queryForObject("SELECT COUNT(*) FROM " + quoted(late, historyTable),
                    Integer.class)).as("its own history").isGreaterThanOrEqualTo(2);
        } finally {
            server.stop();
        }
    }

    /** {@code table} as the shard's database spells it (tools create it upper or lower case), quoted. */
    private static String quoted(Shard shard, String table) {
        try (Connection c = shard.dataSource().getConnection()) {
            String quote = c.getMetaData().getIdentifierQuoteString();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, "%", null)) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                        return quote + rs.getString("TABLE_NAME") + quote;
                    }
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
        throw new AssertionError(shard.name() + " has no table " + table);
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new java.util.ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", "%", null)) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
