package io.shardkit.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.RealServers;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.outbox.kafka.OutboxHeaders;
import io.shardkit.outbox.kafka.testing.KafkaBroker;
import io.shardkit.outbox.kafka.testing.OrderEvents;
import io.shardkit.outbox.kafka.testing.OutboxDeliveries;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Crash, not just stop: {@link CrashingOutboxApp} (writers and the outbox relay to Kafka, in a child JVM, on 4
 * PostgreSQL databases) is killed with SIGKILL at a random point, {@value #KILLS} times in a row, while it writes;
 * each time a fresh process takes over. Then one last process drains the outboxes, and what the broker holds is
 * checked against what the databases committed: every committed event delivered at least once, duplicates only as
 * the same event (same id, same content), order per aggregate kept, nothing from a rolled-back transaction (the
 * deliberate ones and those a kill cut off) and nothing the databases do not hold.
 */
class OutboxCrashIT {

    static final int KILLS = 25;
    private static final int SHARDS = 4;
    private static final long SEED = 20261201L;
    private static final String PREFIX = "crash.";

    @Test
    @Timeout(600)
    void everyCommittedEventReachesKafkaAtLeastOnceInOrderWhateverTheKills() throws Exception {
        RealServers.require(RealServer.POSTGRES);
        long started = System.nanoTime();
        try (ShardDatabases databases = ShardDatabases.create(RealServer.POSTGRES, SHARDS);
             ShardRegistry registry = databases.registry();
             KafkaBroker broker = KafkaBroker.start()) {
            registry.shards().forEach(shard -> OutboxSchema.create(shard.dataSource()));
            broker.createTopic(PREFIX + "Order", 4);
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < SHARDS; i++) {
                urls.add(databases.poolConfig(i).build().url());
            }
            Random random = new Random(SEED);
            for (int kill = 1; kill <= KILLS; kill++) {
                // Kill after 20 to 400 commits: before the relay's first batch, in the middle of one, between them.
                runAndKill(args("write", "i" + kill, broker, urls), 20 * (1 + random.nextInt(20)));
            }
            runToEnd(args("drain", "final", broker, urls));

            Map<String, String> committed = committedEvents(registry);
            List<ConsumerRecord<String, String>> read = broker.readAll(PREFIX + "Order", committed.size(),
                    Duration.ofSeconds(60));
            // Read on until nothing more arrives: duplicates come on top of the committed count.
            read = broker.readAll(PREFIX + "Order", read.size() + 1, Duration.ofSeconds(5));
            OutboxDeliveries deliveries = new OutboxDeliveries(read);
            Set<String> delivered = deliveries.ids();
            assertThat(delivered).as("every committed event delivered").containsAll(committed.keySet());
            assertThat(committed.keySet()).as("nothing delivered that the databases do not hold")
                    .containsAll(delivered);
            assertThat(read).noneMatch(r -> r.key().startsWith(CrashingOutboxApp.ROLLED_BACK));
            deliveries.assertDuplicatesAreTheSameEvent();
            for (ConsumerRecord<String, String> r : read) {
                assertThat(r.key() + "|" + r.value()).isEqualTo(committed.get(KafkaBroker.header(r, OutboxHeaders.ID)));
            }
            deliveries.assertOrderPerAggregate(OrderEvents::seqOf);
            System.out.printf("outbox crash test: %d kills (SIGKILL), %d committed events, %d deliveries, "
                            + "%d duplicates (all the same event), 0 lost, order per aggregate kept; %d s%n", KILLS,
                    committed.size(), read.size(), deliveries.duplicates(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
    }

    private static List<String> args(String mode, String incarnation, KafkaBroker broker, List<String> urls) {
        List<String> command = new ArrayList<>(List.of(new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                CrashingOutboxApp.class.getName(), mode, incarnation, broker.bootstrapServers(), PREFIX));
        command.addAll(urls);
        return command;
    }

    /** Starts the app, waits until it reports {@code commits} commits, then kills it with SIGKILL. */
    private static void runAndKill(List<String> command, int commits) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("committed ") && Long.parseLong(line.substring(10)) >= commits) {
                    break;
                }
            }
            assertThat(line).as("the app died before %d commits", commits).isNotNull();
            process.destroyForcibly();      // SIGKILL: no shutdown hook, no relay stop, sockets cut
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
        }
    }

    private static void runToEnd(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(output).contains("drained");
    }

    /** Every event the databases committed, by event id ({@code shard:id}), with its key and payload. */
    private static Map<String, String> committedEvents(ShardRegistry registry) throws SQLException {
        Map<String, String> events = new HashMap<>();
        for (Shard shard : registry.shards()) {
            try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, aggregate_id, payload, published_at FROM outbox")) {
                while (rs.next()) {
                    assertThat(rs.getTimestamp(4)).as("event %s:%d marked published", shard.name(), rs.getLong(1))
                            .isNotNull();
                    events.put(shard.name() + ":" + rs.getLong(1), rs.getString(2) + "|" + rs.getString(3));
                }
            }
        }
        return events;
    }
}
