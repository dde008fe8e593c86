package io.shardkit.it.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.embedded.Connect;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.it.support.PgClusters;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxLayout;
import io.shardkit.outbox.OutboxRecord;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.outbox.kafka.OutboxTopics;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Debezium relays shardkit's outbox in its {@link OutboxLayout#DEBEZIUM} layout: two PostgreSQL clusters of the
 * test's own, started with {@code wal_level=logical}, one per shard, each read by Debezium's embedded engine (one
 * PostgreSQL connector per shard, as production runs them) with the Outbox Event Router configured as
 * {@code docs/outbox.md} shows. The writer inserts and deletes each event in the business transaction; what the
 * router emits is checked: every committed event once (in this run without restarts), nothing of a rolled-back
 * transaction, topic, key, payload and headers as the polling relay's Kafka publisher sends them, order per
 * aggregate kept, and the deletes filtered out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DebeziumOutboxIT {

    private static final int SHARDS = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private PgClusters clusters;
    private ShardRegistry registry;
    private final List<DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>>> engines = new ArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<SourceRecord> emitted = new ConcurrentLinkedQueue<>();

    @BeforeAll
    void start() {
        clusters = PgClusters.create(SHARDS, List.of("wal_level=logical", "max_replication_slots=4",
                "max_wal_senders=4"));
        registry = clusters.registry();
        for (Shard shard : registry.shards()) {
            OutboxSchema.create(shard.dataSource(), OutboxLayout.DEBEZIUM);
            DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine = DebeziumEngine.create(Connect.class)
                    .using(connectorConfig(shard))
                    .notifying(event -> emitted.add(event.value()))
                    .build();
            engines.add(engine);
            executor.execute(engine);
        }
        for (Shard shard : registry.shards()) {
            await("the connector of " + shard.name() + " streams from its slot").atMost(PATIENCE)
                    .ignoreExceptions().until(() -> slotActive(shard));
        }
    }

    /** The connector configuration docs/outbox.md gives, for one shard's database. */
    private Properties connectorConfig(Shard shard) {
        Properties p = new Properties();
        p.setProperty("name", "outbox-" + shard.name());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("database.hostname", "127.0.0.1");
        p.setProperty("database.port", Integer.toString(clusters.port(shard.index())));
        p.setProperty("database.user", "postgres");
        p.setProperty("database.password", "");
        p.setProperty("database.dbname", "postgres");
        p.setProperty("topic.prefix", shard.name());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", "shardkit_outbox_" + shard.index());
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", "public.outbox_event");
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.table.fields.additional.placement",
                "type:header:type,aggregatetype:header:aggregatetype,seq:header:shardkit.seq");
        return p;
    }

    @AfterAll
    void stop() throws Exception {
        for (DebeziumEngine<?> engine : engines) {
            engine.close();
        }
        executor.shutdownNow();
        if (registry != null) {
            registry.close();
        }
        if (clusters != null) {
            clusters.close();
        }
    }

    @Test
    @Timeout(180)
    void theRouterEmitsEveryCommittedEventOnceInOrderAndNothingRolledBack() throws Exception {
        OutboxWriter writer = OutboxWriter.custom().layout(OutboxLayout.DEBEZIUM).build();
        Map<String, List<Long>> committed = new HashMap<>();
        int total = 0;
        for (int seq = 1; seq <= 5; seq++) {
            for (Shard shard : registry.shards()) {
                for (int n = 0; n < 4; n++) {
                    String aggregate = shard.name() + "-" + n;
                    append(shard, writer, aggregate, seq, true);
                    committed.computeIfAbsent(aggregate, a -> new ArrayList<>()).add((long) seq);
                    total++;
                }
                append(shard, writer, shard.name() + "-rolled-back", seq, false);
            }
        }
        int expected = total;
        await("the router emits every committed event").atMost(PATIENCE).until(() -> emitted.size() >= expected);

        List<SourceRecord> records = new ArrayList<>(emitted);
        assertThat(records).hasSize(total);
        Map<String, List<Long>> seen = new HashMap<>();
        Set<String> ids = new HashSet<>();
        String topic = OutboxTopics.perAggregateType(OutboxTopics.DEFAULT_PREFIX).topicFor(anyRecordOfType("Order"));
        for (SourceRecord r : records) {
            assertThat(r.topic()).as("the polling relay's Kafka publisher uses the same topic").isEqualTo(topic);
            String aggregate = (String) r.key();
            assertThat(aggregate).doesNotContain("rolled-back");
            assertThat(r.value()).as("a delete must not come through").isNotNull();
            String payload = (String) r.value();
            seen.computeIfAbsent(aggregate, a -> new ArrayList<>()).add(Long.parseLong(payload.replaceAll("\\D", "")));
            assertThat(ids.add(header(r, "id"))).as("event ids are unique").isTrue();
            assertThat(header(r, "type")).isEqualTo("OrderChanged");
            assertThat(header(r, "aggregatetype")).isEqualTo("Order");
            assertThat(Long.parseLong(header(r, "shardkit.seq"))).isPositive();
        }
        assertThat(seen).as("every aggregate's events, each once, in the order written").isEqualTo(committed);
        for (Shard shard : registry.shards()) {
            assertThat(rows(shard)).as("the writer deleted every row; the log carried it").isZero();
        }
    }

    private static void append(Shard shard, OutboxWriter writer, String aggregate, int seq, boolean commit)
            throws SQLException {
        try (Connection c = shard.dataSource().getConnection()) {
            c.setAutoCommit(false);
            writer.append(c, OutboxEvent.of("Order", aggregate, "OrderChanged", "{\"seq\":" + seq + "}"));
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    private static OutboxRecord anyRecordOfType(String aggregateType) {
        return new OutboxRecord("shard-0", 1, OutboxEvent.of(aggregateType, "x", "t", "{}"),
                Instant.EPOCH, 0);
    }

    private static String header(SourceRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        assertThat(header).as("header %s", name).isNotNull();
        Object value = header.value();
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    private static boolean slotActive(Shard shard) throws SQLException {
        try (Connection c = shard.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT active FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, "shardkit_outbox_" + shard.index());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long rows(Shard shard) throws SQLException {
        try (Connection c = shard.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox_event");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
