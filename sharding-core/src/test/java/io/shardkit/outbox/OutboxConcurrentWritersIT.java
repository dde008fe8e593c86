package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Writers and relays on the same shard of a real server, as in production: {@value #WRITERS} threads each commit
 * {@value #TRANSACTIONS} transactions of a business row plus its outbox event, while two relays drain the outbox
 * continuously. No writer transaction may fail (on MariaDB/InnoDB the relay's locks once made writers' outbox
 * inserts deadlock victims, error 1213) and every committed event must be published exactly once.
 *
 * <p>Skipped when the server is not reachable, failed instead under {@code CI=true} ({@link OutboxServers}).
 */
class OutboxConcurrentWritersIT {

    private static final int WRITERS = 8;
    private static final int TRANSACTIONS = 1_500;
    private static final Duration WRITE_CAP = Duration.ofSeconds(60);
    private static final OutboxWriter OUTBOX = OutboxWriter.create();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mariadb, AUTO", "mariadb, LEASE", "postgresql, AUTO"})
    void writersNeverFailWhileRelaysDrainAndEveryEventIsPublishedOnce(String database, OutboxLocking locking)
            throws Exception {
        OutboxServers server = OutboxServers.require(database);
        try (ShardRegistry registry = server.createShards(1, WRITERS + 4)) {
            Shard shard = registry.shards().get(0);
            OutboxSchema.create(shard.dataSource());
            createOrders(shard, database);
            RecordingPublisher publisher = new RecordingPublisher();
            OutboxRelayConfig config = OutboxRelayTest.fastConfig(locking).batchSize(50)
                    .pollInterval(Duration.ofMillis(1)).build();
            Queue<Long> committed = new ConcurrentLinkedQueue<>();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            try (OutboxRelay a = OutboxRealDatabasesIT.relay(registry, publisher, config, "a");
                 OutboxRelay b = OutboxRealDatabasesIT.relay(registry, publisher, config, "b")) {
                a.start();
                b.start();
                runWriters(shard, committed, failures);
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.confirmedCount() >= committed.size());
            }
            assertThat(failures).as("failed writer transactions").isEmpty();
            assertThat(committed).hasSize(WRITERS * TRANSACTIONS);
            assertThat(publisher.confirmed("shard-0")).as("published events")
                    .containsExactlyInAnyOrderElementsOf(committed);
            assertThat(publisher.overlaps()).isEmpty();
            assertThat(count(shard, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL")).isZero();
        } finally {
            server.drop();
        }
    }

    private static void runWriters(Shard shard, Queue<Long> committed, Queue<String> failures) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                long customer = w;
                writers.add(pool.submit(() -> write(shard, customer, committed, failures)));
            }
            long deadline = System.nanoTime() + WRITE_CAP.toNanos();
            for (Future<?> writer : writers) {
                writer.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One writer: each transaction inserts an order and its event; a failure is recorded, never retried. */
    private static Void write(Shard shard, long customer, Queue<Long> committed, Queue<String> failures)
            throws SQLException {
        try (Connection c = shard.dataSource().getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < TRANSACTIONS; i++) {
                try {
                    long order = insertOrder(c, customer, i);
                    long event = OUTBOX.append(c, OutboxEvent.of("Order", Long.toString(order), "OrderPlaced",
                            "{\"order\":" + order + ",\"customer\":" + customer + "}"));
                    c.commit();
                    committed.add(event);
                } catch (SQLException | OutboxException ex) {
                    c.rollback();
                    failures.add(ex.getMessage());
                }
            }
        }
        return null;
    }

    private static long insertOrder(Connection c, long customer, int amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders_it (customer_id, amount) VALUES (?, ?)",
                new String[] {"id"})) {
            ps.setLong(1, customer);
            ps.setLong(2, amount);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void createOrders(Shard shard, String database) throws SQLException {
        String id = database.equals("postgresql") ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                : "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY";
        try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE orders_it (id " + id + ", customer_id BIGINT NOT NULL, amount BIGINT NOT NULL)");
            st.execute("CREATE INDEX orders_it_customer ON orders_it (customer_id)");
        }
    }

    private static long count(Shard shard, String sql) throws SQLException {
        try (Connection c = shard.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
