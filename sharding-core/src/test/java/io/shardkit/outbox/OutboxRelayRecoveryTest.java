package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shard's database server stops and comes back while events keep being written: an H2 TCP server on a free
 * port, behind the shard's real HikariCP pool (2 connections, 1 s connection timeout), beside a healthy shard.
 * The relay must publish the other shard all along, resume the stopped one within one poll interval of the
 * server answering again (not after a back-off grown during the outage, nor after failing on the pool's dead
 * connections), and count the outage once.
 */
class OutboxRelayRecoveryTest {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    /** Scheduling slack on a shared 2-core machine; the defect this guards against cost 6 to 12 s. */
    private static final Duration SLACK = Duration.ofMillis(1_200);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final int port = freePort();
    private Server server;
    private ShardRegistry registry;
    private Connection keepAlive;

    @AfterEach
    void tearDown() throws SQLException {
        if (registry != null) {
            registry.close();
        }
        if (server != null) {
            server.stop();
        }
        if (keepAlive != null) {
            keepAlive.close();
        }
    }

    @Test
    @Timeout(120)
    void relayResumesWithinOnePollIntervalOfTheServerComingBackAndCountsTheOutageOnce() throws Exception {
        server = tcpServer(port);
        String tcpUrl = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:recovery-" + run + ";DB_CLOSE_DELAY=-1";
        registry = ShardRegistry.builder()
                .shard("shard-0", pool(tcpUrl))
                .shard("shard-1", pool("jdbc:h2:mem:recovery-healthy-" + run + ";DB_CLOSE_DELAY=-1"))
                .build();
        OutboxShards.createSchema(registry.shards());
        Arrivals arrivals = new Arrivals();
        OutboxRelayConfig config = OutboxRelayConfig.custom().pollInterval(POLL_INTERVAL).build();
        JdbcDataSource direct = new JdbcDataSource();   // the writer's own connections: the relay's pool is tested
        direct.setURL(tcpUrl);
        direct.setUser("sa");
        // An in-process connection keeps the in-memory database (and its tables) alive while the server is down.
        keepAlive = DriverManager.getConnection("jdbc:h2:mem:recovery-" + run, "sa", "");

        try (OutboxRelay relay = OutboxRelay.builder(arrivals).shards(registry).config(config).build();
             Traffic traffic = new Traffic(registry.shard(0).dataSource())) {
            relay.start();
            OutboxShards.append(registry.shard(0), "before-outage");
            await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.count("shard-0") == 1);

            server.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> relay.stats().get("shard-0").consecutiveFailures() >= 5);
            long healthyBefore = arrivals.count("shard-1");
            OutboxShards.append(registry.shard(1), "while-shard-0-is-down");
            await("the other shard is published during the outage").atMost(Duration.ofSeconds(10))
                    .until(() -> arrivals.count("shard-1") > healthyBefore);

            server = tcpServer(port);
            long recoveredAt = appendWhenTheServerAnswers(direct);
            await().atMost(Duration.ofSeconds(60)).until(() -> arrivals.count("shard-0") == 2);

            Duration resumedAfter = Duration.ofNanos(arrivals.lastShard0At() - recoveredAt);
            // The publisher saw the batch before the relay marked it and counted the poll a success.
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.stats().get("shard-0").healthy());
            OutboxShardStats stats = relay.stats().get("shard-0");
            System.out.printf("outbox recovery: shard-0 published %d ms after its server answered again "
                    + "(poll interval %d ms); %d failed polls, %d outage(s)%n", resumedAfter.toMillis(),
                    POLL_INTERVAL.toMillis(), stats.failedPolls(), stats.outages());
            assertThat(resumedAfter).isLessThan(POLL_INTERVAL.plus(SLACK));
            assertThat(stats.outages()).as("outages counted (and warned about)").isEqualTo(1);
            assertThat(relay.stats().get("shard-1").outages()).isZero();
        }
    }

    @Test
    void afterADatabaseFailureTheNextPollSkipsTheDeadConnectionsThePoolStillHolds() throws Exception {
        OutboxShards shards = new OutboxShards(1);
        shards.append(0, "a", "b");
        OutboxRelay relay = OutboxRelay.builder(new RecordingPublisher()).shards(shards.shards())
                .config(OutboxRelayConfig.custom().pollInterval(POLL_INTERVAL).build()).build();
        shards.control(0).down();
        assertThat(relay.pollShard("shard-0").status()).isEqualTo(OutboxPollResult.Status.FAILED);

        shards.control(0).up();
        shards.control(0).handOutDead(3);

        assertThat(relay.pollShard("shard-0").status()).isEqualTo(OutboxPollResult.Status.PUBLISHED);
        assertThat(shards.pending(0)).isZero();
        assertThat(relay.stats().get("shard-0").outages()).isEqualTo(1);
    }

    /** Appends one event as soon as the restarted server takes connections; returns when that commit happened. */
    private static long appendWhenTheServerAnswers(JdbcDataSource direct) {
        OutboxWriter writer = OutboxWriter.create();
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                .until(() -> {
                    try (Connection c = direct.getConnection()) {
                        c.setAutoCommit(false);
                        writer.append(c, OutboxEvent.of("Order", "after-outage", "OrderPlaced", "{}"));
                        c.commit();
                    }
                    return System.nanoTime();
                }, at -> true);
    }

    private static ShardPoolConfig pool(String url) {
        return ShardPoolConfig.custom().url(url).username("sa").maximumPoolSize(2)
                .connectionTimeout(Duration.ofSeconds(1)).build();
    }

    private static Server tcpServer(int port) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException("no free port", ex);
        }
    }

    /**
     * Application calls on the shard's pool every 20 ms, as in production: they keep its connections recently
     * used, so the pool hands them out without validating them, dead or alive.
     */
    private static final class Traffic implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;

        Traffic(DataSource pool) {
            thread = new Thread(() -> {
                while (running) {
                    try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                        st.execute("SELECT 1");
                    } catch (SQLException expectedWhileDown) {
                        // What callers see during and after the outage is not this test's subject.
                    }
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
            }, "test-traffic");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    /** Confirms every batch and remembers, per shard, how many events arrived and when the last one did. */
    private static final class Arrivals implements OutboxPublisher {
        private final ConcurrentLinkedQueue<String> shards = new ConcurrentLinkedQueue<>();
        private final AtomicLong lastShard0 = new AtomicLong();

        @Override
        public void publish(List<OutboxRecord> batch) {
            for (OutboxRecord r : batch) {
                shards.add(r.shard());
            }
            if (batch.get(0).shard().equals("shard-0")) {
                lastShard0.set(System.nanoTime());
            }
        }

        long count(String shard) {
            return shards.stream().filter(shard::equals).count();
        }

        long lastShard0At() {
            return lastShard0.get();
        }
    }
}
