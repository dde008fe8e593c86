package io.shardkit.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxRecord;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay's two per-batch statements keep their cost independent of the backlog on H2: the head is read off the
 * pending index in index order (H2 stops after the batch instead of reading and sorting every pending row), and
 * the mark finds its rows by primary key. Either regression made draining a backlog quadratic.
 */
class OutboxSqlPlanTest {

    @Test
    void h2ReadsTheHeadInPendingIndexOrderAndMarksByPrimaryKey() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:plan-" + UUID.randomUUID(), "sa", "")) {
            OutboxSchema.create(c);
            OutboxSql sql = OutboxSql.forProduct(OutboxWriter.DEFAULT_TABLE, c.getMetaData().getDatabaseProductName());

            assertThat(plan(c, sql.selectPending(100))).contains("OUTBOX_PENDING").contains("index sorted");
            List<OutboxRecord> batch = new ArrayList<>();
            for (long id = 1; id <= 3; id++) {
                batch.add(new OutboxRecord("shard-0", id, OutboxEvent.of("Order", "o", "Placed", "{}"), Instant.now(),
                        0));
            }
            String mark = sql.updateIds("published_at = LOCALTIMESTAMP", Claim.of(batch));
            assertThat(mark).endsWith("WHERE id IN (1, 2, 3)");
            assertThat(plan(c, mark)).contains("PRIMARY_KEY");
        }
    }

    @Test
    void otherDatabasesOrderTheHeadByIdAlone() {
        assertThat(OutboxSql.forProduct("outbox", "PostgreSQL").selectPending(5)).endsWith("ORDER BY id LIMIT 5");
        assertThat(OutboxSql.forProduct("outbox", "MariaDB").selectPending(5)).endsWith("ORDER BY id LIMIT 5");
    }

    private static String plan(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
