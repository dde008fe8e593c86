package io.shardkit.benchmarks.outbox;

import io.shardkit.benchmarks.support.OrderSql;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The benchmark's two sides of the shipped {@code outbox} table: a backlog of pending events written in large
 * JDBC batches, and the baseline consumer, a poll-and-mark loop as one would write it by hand (no lock row, no
 * isolation switch, no pending count), with the same two H2-friendly statements the relay uses: read the oldest
 * pending rows off the pending index, publish them, mark them by primary key, commit, until none is left.
 *
 * <p>Stateless and thread-safe; each call uses its own connection.
 */
final class OutboxBacklog {

    private static final String INSERT = "INSERT INTO outbox (aggregate_type, aggregate_id, event_type, payload, "
            + "created_at) VALUES (?, ?, ?, ?, ?)";
    /** Ordered by the pending index's columns, so that H2 reads the batch off the index and stops (as the relay). */
    private static final String SELECT = "SELECT id, aggregate_type, aggregate_id, event_type, payload, created_at, "
            + "attempts FROM outbox WHERE published_at IS NULL ORDER BY published_at, id LIMIT ?";

    private OutboxBacklog() {
    }

    /** Appends {@code events} pending events (ids {@code 1..events} as aggregate ids) in one transaction. */
    static void fill(DataSource shard, int events) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = shard.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            for (int id = 1; id <= events; id++) {
                ps.setString(1, "Order");
                ps.setString(2, Integer.toString(id));
                ps.setString(3, "OrderPlaced");
                ps.setString(4, OrderSql.orderPlacedPayload(id));
                ps.setTimestamp(5, now);
                ps.addBatch();
                if (id % 1_000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /** The baseline: publishes every pending event of {@code shard} in batches, marking each; returns the count. */
    static int drainByHand(DataSource dataSource, String shard, int batchSize, OutboxPublisher publisher)
            throws Exception {
        int total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(SELECT)) {
            c.setAutoCommit(false);
            select.setInt(1, batchSize);
            List<OutboxRecord> batch;
            do {
                batch = read(select, shard);
                if (!batch.isEmpty()) {
                    publisher.publish(batch);
                    mark(c, batch);
                    total += batch.size();
                }
                c.commit();
            } while (batch.size() == batchSize);
            c.setAutoCommit(true);
        }
        return total;
    }

    private static List<OutboxRecord> read(PreparedStatement select, String shard) throws SQLException {
        List<OutboxRecord> batch = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                batch.add(new OutboxRecord(shard, rs.getLong(1), new OutboxEvent(rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), rs.getTimestamp(6).toInstant(), rs.getInt(7)));
            }
        }
        return batch;
    }

    /** By primary key, the ids written into the statement (H2 checks them against a hash set, as the relay does). */
    private static void mark(Connection c, List<OutboxRecord> batch) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE outbox SET published_at = ? WHERE id IN (");
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(batch.get(i).id());
        }
        try (PreparedStatement ps = c.prepareStatement(sql.append(')').toString())) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }
}
