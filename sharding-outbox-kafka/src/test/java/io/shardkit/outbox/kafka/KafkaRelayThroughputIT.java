package io.shardkit.outbox.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardRegistryBuilder;
import io.shardkit.outbox.InMemoryOutboxPublisher;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRelay;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.outbox.OutboxShardStats;
import io.shardkit.outbox.kafka.testing.KafkaBroker;
import io.shardkit.outbox.kafka.testing.OrderEvents;
import io.shardkit.outbox.kafka.testing.OutboxDeliveries;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bar of the Kafka publisher: 4 shards, 100,000 events through a real broker, none lost, every aggregate's
 * events in order, no duplicate (nothing is killed here). The same backlog is then drained to the in-memory
 * publisher in the same run, and both rates are printed side by side (quoted in benchmarks/README.md). A measured
 * run, not a timed assertion: only correctness is asserted.
 */
class KafkaRelayThroughputIT {

    private static final int SHARDS = 4;
    private static final int AGGREGATES_PER_SHARD = 500;
    private static final int EVENTS_PER_AGGREGATE = 50;
    private static final int EVENTS = SHARDS * AGGREGATES_PER_SHARD * EVENTS_PER_AGGREGATE;
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    @Test
    @Timeout(600)
    void hundredThousandEventsReachKafkaNoneLostEachAggregateInOrder() throws Exception {
        ShardRegistryBuilder builder = ShardRegistry.builder();
        for (int i = 0; i < SHARDS; i++) {
            builder.shard("shard-" + i, H2ShardFixtures.pool("kafka-load-" + i));
        }
        try (ShardRegistry registry = builder.build(); KafkaBroker broker = KafkaBroker.start()) {
            registry.shards().forEach(shard -> OutboxSchema.create(shard.dataSource()));
            broker.createTopic("load.Order", 8);
            KafkaOutboxConfig config = KafkaOutboxConfig.custom().topics(OutboxTopics.perAggregateType("load."))
                    .build();

            fill(registry);
            double kafkaRate;
            try (KafkaOutboxPublisher kafka = KafkaOutboxPublisher.create(broker.producerProperties(), config)) {
                kafkaRate = drain(registry, kafka);
            }
            OutboxDeliveries deliveries = new OutboxDeliveries(broker.readAll("load.Order", EVENTS, PATIENCE));
            assertThat(deliveries.ids()).as("distinct events on the broker").hasSize(EVENTS);
            assertThat(deliveries.duplicates()).isZero();
            deliveries.assertOrderPerAggregate(OrderEvents::seqOf);

            truncate(registry);
            fill(registry);
            double memoryRate = drain(registry, new InMemoryOutboxPublisher());
            System.out.printf("outbox relay, %d events over %d H2 shards, batch 500: to Kafka (in-process KRaft "
                    + "broker, acks=all, idempotent) %.0f events/s; to the in-memory publisher %.0f events/s "
                    + "(same run); 0 lost, 0 duplicates, order per aggregate 100%%%n", EVENTS, SHARDS, kafkaRate,
                    memoryRate);
        }
    }

    private static void fill(ShardRegistry registry) throws SQLException {
        for (Shard shard : registry.shards()) {
            OrderEvents.appendHistories(shard, AGGREGATES_PER_SHARD, EVENTS_PER_AGGREGATE, 1_000);
        }
    }

    /** Runs a relay until every event is published; returns events per second from start to the last mark. */
    private static double drain(ShardRegistry registry, OutboxPublisher publisher) {
        OutboxRelayConfig config = OutboxRelayConfig.custom().batchSize(500).build();
        long started = System.nanoTime();
        try (OutboxRelay relay = OutboxRelay.builder(publisher).shards(registry).config(config).build()) {
            relay.start();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10)).until(() -> published(relay) == EVENTS);
            return EVENTS / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static long published(OutboxRelay relay) {
        return relay.stats().values().stream().mapToLong(OutboxShardStats::published).sum();
    }

    private static void truncate(ShardRegistry registry) throws SQLException {
        for (Shard shard : registry.shards()) {
            try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("TRUNCATE TABLE outbox");
            }
        }
    }
}
