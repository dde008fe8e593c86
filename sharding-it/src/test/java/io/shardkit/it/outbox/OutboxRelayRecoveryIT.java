package io.shardkit.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.it.support.PgClusters;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRecord;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.outbox.OutboxShardStats;
import io.shardkit.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay while one shard's PostgreSQL server (a cluster of the test's own) is stopped and started again: the
 * other shard is published throughout, the stopped one is published again within one poll interval of its server
 * taking connections, and the outage is counted (and warned about) once.
 */
class OutboxRelayRecoveryIT {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    /** Scheduling slack on a shared 2-core machine; the defect this guards against cost 6 to 12 s. */
    private static final Duration SLACK = Duration.ofMillis(1_500);

    @Test
    @Timeout(240)
    void relayResumesAStoppedShardWithinOnePollIntervalOfItsServerComingBack() throws Exception {
        try (PgClusters clusters = PgClusters.create(2);
             ShardRegistry registry = clusters.registry()) {
            registry.shards().forEach(shard -> OutboxSchema.create(shard.dataSource()));
            Shard victim = registry.shard(1);
            Arrivals arrivals = new Arrivals();
            OutboxRelayConfig config = OutboxRelayConfig.custom().pollInterval(POLL_INTERVAL).build();
            try (OutboxRelay relay = OutboxRelay.builder(arrivals).shards(registry).config(config).build()) {
                relay.start();
                append(victim, "before");
                await().atMost(Duration.ofSeconds(30)).until(() -> arrivals.count(victim) == 1);

                clusters.stop(victim.index());
                await().atMost(Duration.ofSeconds(60)).until(() -> relay.stats().get(victim.name())
                        .consecutiveFailures() >= 5);
                append(registry.shard(0), "during-the-outage");
                await().atMost(Duration.ofSeconds(10)).until(() -> arrivals.count(registry.shard(0)) == 1);

                clusters.start(victim.index());
                String url = clusters.poolConfig(victim.index()).build().url();
                long recoveredAt = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .pollInterval(Duration.ofMillis(5)).until(() -> appendDirectly(url), at -> true);
                await().atMost(Duration.ofSeconds(60)).until(() -> arrivals.count(victim) == 2);
                Duration resumedAfter = Duration.ofNanos(arrivals.lastAt(victim) - recoveredAt);
                await().atMost(Duration.ofSeconds(10)).until(() -> relay.stats().get(victim.name()).healthy());

                OutboxShardStats stats = relay.stats().get(victim.name());
                System.out.printf("outbox recovery (PostgreSQL): %s published %d ms after its server took "
                        + "connections again (poll interval %d ms); %d failed polls, %d outage(s)%n", victim.name(),
                        resumedAfter.toMillis(), POLL_INTERVAL.toMillis(), stats.failedPolls(), stats.outages());
                assertThat(resumedAfter).isLessThan(POLL_INTERVAL.plus(SLACK));
                assertThat(stats.outages()).isEqualTo(1);
                assertThat(relay.stats().get("shard-0").outages()).isZero();
            }
        }
    }

    private static void append(Shard shard, String aggregate) throws Exception {
        try (Connection c = shard.dataSource().getConnection()) {
            c.setAutoCommit(false);
            OutboxWriter.create().append(c, OutboxEvent.of("Order", aggregate, "OrderPlaced", "{}"));
            c.commit();
        }
    }

    /** One event written on a connection of its own (not the shard's pool); returns when it committed. */
    private static long appendDirectly(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.setAutoCommit(false);
            OutboxWriter.create().append(c, OutboxEvent.of("Order", "after", "OrderPlaced", "{}"));
            c.commit();
        }
        return System.nanoTime();
    }

    /** Counts events per shard and remembers when each shard's last batch arrived. */
    private static final class Arrivals implements OutboxPublisher {
        private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();
        private final ConcurrentHashMap<String, Long> lastAt = new ConcurrentHashMap<>();

        @Override
        public void publish(List<OutboxRecord> batch) {
            String shard = batch.get(0).shard();
            counts.computeIfAbsent(shard, s -> new AtomicLong()).addAndGet(batch.size());
            lastAt.put(shard, System.nanoTime());
        }

        long count(Shard shard) {
            AtomicLong count = counts.get(shard.name());
            return count == null ? 0 : count.get();
        }

        long lastAt(Shard shard) {
            return lastAt.get(shard.name());
        }
    }
}
