package io.shardkit.it.outbox;

import io.shardkit.ShardPoolConfig;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxShardStats;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.outbox.kafka.KafkaOutboxConfig;
import io.shardkit.outbox.kafka.KafkaOutboxPublisher;
import io.shardkit.outbox.kafka.OutboxTopics;
import io.shardkit.outbox.kafka.testing.OrderEvents;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link OutboxCrashIT} kills: an application on real PostgreSQL shards whose writer threads append
 * order events in their own transactions (one in ten deliberately rolled back) while its outbox relay publishes
 * them to Kafka. It prints {@code committed <n>} as transactions commit, so that the test can kill it at a point
 * of its choosing, and never stops by itself. With {@code drain} as the mode it writes nothing, publishes until
 * every shard's outbox is empty, prints {@code drained} and exits.
 *
 * <p>Arguments: mode ({@code write} or {@code drain}), incarnation, bootstrap servers, topic prefix, then one
 * JDBC url per shard (user {@code postgres}, no password).
 */
public final class CrashingOutboxApp {

    static final int WRITERS = 4;
    static final int AGGREGATES_PER_WRITER = 5;
    /** Aggregate ids of deliberately rolled-back transactions start with this; none may ever be published. */
    static final String ROLLED_BACK = "rolled-back-";

    private CrashingOutboxApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean drain = args[0].equals("drain");
        String incarnation = args[1];
        ShardRegistryBuilder shards = ShardRegistry.builder();
        for (int i = 4; i < args.length; i++) {
            shards.shard("shard-" + (i - 4), ShardPoolConfig.custom().url(args[i]).username("postgres").password("")
                    .maximumPoolSize(WRITERS + 2).build());
        }
        ShardRegistry registry = shards.build();
        KafkaOutboxPublisher publisher = KafkaOutboxPublisher.create(
                Map.of("bootstrap.servers", args[2]),
                KafkaOutboxConfig.custom().topics(OutboxTopics.perAggregateType(args[3])).build());
        OutboxRelay relay = OutboxRelay.builder(publisher).shards(registry).config(OutboxRelayConfig.custom()
                .batchSize(100).pollInterval(Duration.ofMillis(50)).initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(1)).build()).build();
        relay.start();
        if (drain) {
            while (!drained(relay)) {
                Thread.sleep(50);   // the process has nothing else to do; its relay publishes meanwhile
            }
            relay.stop();
            publisher.close();
            registry.close();
            System.out.println("drained");
            return;
        }
        write(registry, incarnation);
    }

    private static boolean drained(OutboxRelay relay) {
        for (OutboxShardStats stats : relay.stats().values()) {
            if (stats.pending() != 0) {
                return false;
            }
        }
        return true;
    }

    /** Runs the writers until the process is killed. */
    private static void write(ShardRegistry registry, String incarnation) throws InterruptedException {
        AtomicLong committed = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> writeForever(registry, incarnation + "-w" + writer, committed),
                    "writer-" + w);
            thread.start();
            writers.add(thread);
        }
        for (Thread thread : writers) {
            thread.join();
        }
    }

    private static void writeForever(ShardRegistry registry, String writerName, AtomicLong committed) {
        OutboxWriter outbox = OutboxWriter.create();
        long[] seq = new long[AGGREGATES_PER_WRITER];
        for (long n = 0; ; n++) {
            int aggregate = (int) (n % AGGREGATES_PER_WRITER);
            int shard = (int) Math.floorMod((writerName + aggregate).hashCode(), registry.size());
            boolean rollBack = n % 10 == 9;
            String id = (rollBack ? ROLLED_BACK : "") + writerName + "-a" + aggregate;
            long next = rollBack ? seq[aggregate] + 1 : ++seq[aggregate];
            try (Connection c = registry.shard(shard).dataSource().getConnection()) {
                c.setAutoCommit(false);
                outbox.append(c, OutboxEvent.of("Order", id, "OrderChanged", OrderEvents.payload(id, next)));
                if (rollBack) {
                    c.rollback();
                } else {
                    c.commit();
                    long total = committed.incrementAndGet();
                    if (total % 20 == 0) {
                        System.out.println("committed " + total);
                    }
                }
            } catch (SQLException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
