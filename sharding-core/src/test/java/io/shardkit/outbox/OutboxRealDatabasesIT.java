package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped DDL and the relay's SQL on the PostgreSQL and MariaDB servers of the build machine (trust / empty
 * password auth, as this project's machines have them): two shards as two fresh databases each, two relays
 * at once, with the locking the metadata picks and with leases. Skipped when the server is not reachable;
 * override the admin urls with {@code -Dshardkit.it.postgresql.url=...} / {@code -Dshardkit.it.mariadb.url=...}.
 */
class OutboxRealDatabasesIT {

    private static final String PG = System.getProperty("shardkit.it.postgresql.url",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    private static final String MARIADB = System.getProperty("shardkit.it.mariadb.url",
            "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"postgresql, AUTO", "postgresql, LEASE", "mariadb, AUTO", "mariadb, LEASE"})
    void twoRelaysPublishEveryEventOnceInShardOrder(String database, OutboxLocking locking) throws Exception {
        String admin = database.equals("postgresql") ? PG : MARIADB;
        Assumptions.assumeTrue(reachable(admin), database + " not reachable at " + admin);
        List<String> names = List.of(dbName(), dbName());
        names.forEach(name -> execute(admin, "CREATE DATABASE " + name));
        try (ShardRegistry registry = registry(admin, names)) {
            OutboxShards.createSchema(registry.shards());
            List<List<Long>> ids = OutboxShards.appendEverywhere(registry.shards(), 40);
            RecordingPublisher publisher = new RecordingPublisher(3);
            OutboxRelayConfig config = OutboxRelayTest.fastConfig(locking).batchSize(4).build();
            try (OutboxRelay a = relay(registry, publisher, config, "a");
                 OutboxRelay b = relay(registry, publisher, config, "b")) {
                a.start();
                b.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> publisher.confirmedCount() == 80);
            }
            assertThat(publisher.overlaps()).isEmpty();
            for (int s = 0; s < 2; s++) {
                assertThat(publisher.confirmed("shard-" + s)).containsExactlyElementsOf(ids.get(s));
                OutboxRelayTest.assertAttemptsResumeAtFirstUnconfirmed(publisher.attempts(), "shard-" + s,
                        ids.get(s));
            }
        } finally {
            names.forEach(name -> execute(admin, "DROP DATABASE IF EXISTS " + name));
        }
    }

    private static OutboxRelay relay(ShardRegistry registry, OutboxPublisher publisher, OutboxRelayConfig config,
                                     String id) {
        return OutboxRelay.builder(publisher).shards(registry)
                .config(OutboxRelayConfig.from(config).relayId(id).build()).build();
    }

    private static ShardRegistry registry(String admin, List<String> names) {
        ShardRegistryBuilder builder = ShardRegistry.builder();
        for (int i = 0; i < names.size(); i++) {
            // Same server, another database: swap the database segment of the admin url.
            String url = admin.replaceFirst("/test\\?", "/" + names.get(i) + "?");
            builder.shard("shard-" + i, ShardPoolConfig.custom().url(url).maximumPoolSize(4).build());
        }
        return builder.build();
    }

    private static String dbName() {
        return "outbox_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static boolean reachable(String url) {
        try (Connection ignored = DriverManager.getConnection(url)) {
            return true;
        } catch (SQLException ex) {
            return false;
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
        }
    }
}
