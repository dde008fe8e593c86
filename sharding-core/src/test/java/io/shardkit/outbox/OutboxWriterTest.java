package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.routing.ShardRoutingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class OutboxWriterTest {

    private final OutboxShards shards = new OutboxShards(2);
    private final OutboxWriter writer = OutboxWriter.create();
    private final OutboxEvent event = OutboxEvent.of("Order", "7", "OrderPlaced", "{\"total\":1200}");

    @Test
    void appendsInTheCallersTransactionWithIncreasingIds() throws Exception {
        try (Connection c = shards.shard(0).dataSource().getConnection()) {
            c.setAutoCommit(false);
            long first = writer.append(c, event);
            long second = writer.append(c, event);
            assertThat(second).isGreaterThan(first);
            assertThat(shards.pending(0)).as("invisible before commit").isZero();
            c.commit();
        }
        assertThat(shards.pending(0)).isEqualTo(2);
    }

    @Test
    void rollbackTakesTheEventWithIt() throws Exception {
        try (Connection c = shards.shard(0).dataSource().getConnection()) {
            c.setAutoCommit(false);
            writer.append(c, event);
            c.rollback();
        }
        assertThat(shards.pending(0)).isZero();
    }

    @Test
    void autoCommitConnectionIsRefusedAndNothingIsWritten() throws Exception {
        try (Connection c = shards.shard(0).dataSource().getConnection()) {
            assertThatThrownBy(() -> writer.append(c, event))
                    .isInstanceOf(OutboxTransactionRequiredException.class)
                    .hasMessageContaining("auto-commit").hasMessageContaining("OrderPlaced of Order 7");
        }
        assertThat(shards.pending(0)).isZero();
    }

    @Test
    void appendThroughRoutingDataSourceLandsOnTheBoundShard() throws Exception {
        // Stands in for the starter: the "transaction" connection is held here and handed out by the hook.
        Connection tx = shards.shard(1).dataSource().getConnection();
        tx.setAutoCommit(false);
        AtomicInteger released = new AtomicInteger();
        OutboxWriter bound = OutboxWriter.custom().transactionalConnections(new TransactionalConnections() {
            @Override
            public Connection obtain(DataSource dataSource) {
                assertThat(((ShardRoutingDataSource) dataSource).currentShard().name()).isEqualTo("shard-1");
                return tx;
            }

            @Override
            public void release(Connection connection, DataSource dataSource) {
                released.incrementAndGet();
            }
        }).build();
        try (ShardScope ignored = ShardContext.bind(shards.shard(1))) {
            bound.append(ShardRoutingDataSource.create(), event);
        }
        tx.commit();
        tx.close();

        assertThat(released).hasValue(1);
        assertThat(shards.pending(1)).isEqualTo(1);
        assertThat(shards.pending(0)).isZero();
    }

    @Test
    void plainPoolThroughTheDefaultHookIsRefusedRatherThanCommittedAlone() throws Exception {
        try (ShardScope ignored = ShardContext.bind(shards.shard(0))) {
            assertThatThrownBy(() -> writer.append(ShardRoutingDataSource.create(), event))
                    .isInstanceOf(OutboxTransactionRequiredException.class);
        }
        assertThat(shards.pending(0)).isZero();
    }

    @Test
    void payloadBoundCountsUtf8Bytes() throws Exception {
        OutboxWriter small = OutboxWriter.custom().maxPayloadBytes(8).build();
        try (Connection c = shards.shard(0).dataSource().getConnection()) {
            c.setAutoCommit(false);
            small.append(c, OutboxEvent.of("Order", "1", "E", "\u00e9\u00e9\u00e9\u00e9"));  // 8 bytes
            small.append(c, OutboxEvent.of("Order", "1", "E", "\uD83D\uDE00\uD83D\uDE00"));  // 2 emoji: 8 bytes
            assertThatThrownBy(() -> small.append(c, OutboxEvent.of("Order", "9", "E", "\u00e9\u00e9\u00e9\u00e9x")))
                    .isInstanceOfSatisfying(InvalidOutboxEventException.class,
                            ex -> assertThat(ex.getField()).isEqualTo("payload"))
                    .hasMessageContaining("at most 8 bytes of UTF-8 are allowed but it has 9");
            c.commit();
        }
        assertThat(shards.pending(0)).isEqualTo(2);
    }

    @Test
    void databaseFailureNamesTheBoundShard() throws Exception {
        OutboxWriter missing = OutboxWriter.custom().table("no_such_table").build();
        try (ShardScope ignored = ShardContext.bind(shards.shard(1));
             Connection c = shards.shard(1).dataSource().getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> missing.append(c, event))
                    .isInstanceOfSatisfying(OutboxException.class,
                            ex -> assertThat(ex.getShard()).isEqualTo("shard-1"))
                    .hasMessageStartingWith("Outbox of shard 'shard-1': could not append event OrderPlaced of "
                            + "Order [7]")
                    .hasCauseInstanceOf(SQLException.class);
        }
    }

    @Test
    void createdAtComesFromTheClock() throws Exception {
        Instant at = Instant.parse("2026-03-01T10:15:30.123456Z");
        OutboxWriter clocked = OutboxWriter.custom().clock(Clock.fixed(at, ZoneOffset.UTC)).build();
        try (Connection c = shards.shard(0).dataSource().getConnection()) {
            c.setAutoCommit(false);
            clocked.append(c, event);
            c.commit();
        }
        List<OutboxRecord> seen = new ArrayList<>();
        OutboxRelay.builder(batch -> seen.addAll(batch)).shards(shards.shards()).build().drainOnce();
        assertThat(seen).singleElement().satisfies(r -> {
            assertThat(r.createdAt()).isEqualTo(at);
            assertThat(r.event()).isEqualTo(event);
            assertThat(r.attempts()).isZero();
        });
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> OutboxWriter.custom().maxPayloadBytes(0))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("maxPayloadBytes");
        assertThatThrownBy(() -> OutboxWriter.custom().table("outbox; DROP TABLE orders"))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("must be an identifier");
        assertThat(OutboxWriter.custom().table("app.outbox").build().table()).isEqualTo("app.outbox");
    }
}
