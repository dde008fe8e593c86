package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writer in Debezium's Outbox Event Router layout, on H2 (the router itself is tested on PostgreSQL). */
class OutboxWriterDebeziumTest {

    private final Connection connection;

    OutboxWriterDebeziumTest() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:debezium-" + UUID.randomUUID(), "sa", "");
        OutboxSchema.create(connection, OutboxLayout.DEBEZIUM);
        connection.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void keptRowsHoldTheColumnsTheRouterReadsAndShardkitsOrder() throws SQLException {
        OutboxWriter writer = OutboxWriter.custom().layout(OutboxLayout.DEBEZIUM).deleteAfterInsert(false).build();
        long first = writer.append(connection, OutboxEvent.of("Order", "o-1", "OrderPlaced", "{\"n\":1}"));
        long second = writer.append(connection, OutboxEvent.of("Order", "o-1", "OrderPaid", "{\"n\":2}"));
        connection.commit();

        assertThat(writer.table()).isEqualTo("outbox_event");
        assertThat(second).isGreaterThan(first);
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, aggregatetype, aggregateid, type, "
                + "payload, seq, created_at FROM outbox_event ORDER BY seq"); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isInstanceOf(UUID.class);
            assertThat(rs.getString(2)).isEqualTo("Order");
            assertThat(rs.getString(3)).isEqualTo("o-1");
            assertThat(rs.getString(4)).isEqualTo("OrderPlaced");
            assertThat(rs.getString(5)).isEqualTo("{\"n\":1}");
            assertThat(rs.getLong(6)).isEqualTo(first);
            assertThat(rs.getTimestamp(7)).isNotNull();
            UUID firstId = (UUID) rs.getObject(1);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isNotEqualTo(firstId);
        }
    }

    @Test
    void byDefaultEachRowIsDeletedInTheTransactionThatInsertedIt() throws SQLException {
        OutboxWriter writer = OutboxWriter.custom().layout(OutboxLayout.DEBEZIUM).build();
        assertThat(writer.deleteAfterInsert()).isTrue();
        writer.append(connection, OutboxEvent.of("Order", "o-2", "OrderPlaced", "{}"));
        connection.commit();

        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM outbox_event");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).as("the table stays empty; the log carries the insert").isZero();
        }
    }

    @Test
    void deleteAfterInsertIsRefusedForThePollingRelaysLayout() {
        assertThatThrownBy(() -> OutboxWriter.custom().deleteAfterInsert(true).build())
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("deleteAfterInsert applies to the DEBEZIUM layout only");
        assertThat(OutboxWriter.create().table()).isEqualTo("outbox");
        assertThat(OutboxSchema.resourceFor("PostgreSQL", OutboxLayout.DEBEZIUM))
                .isEqualTo("io/shardkit/outbox/schema-debezium-postgresql.sql");
    }
}
