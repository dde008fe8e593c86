package io.shardkit.it.support;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxSchema;
import io.shardkit.outbox.OutboxWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Orders written together with their {@code OrderPlaced} event in the shard-local outbox, one local transaction
 * each, and the direct reads the tests check the outbox with.
 *
 * <p>Stateless apart from the writer, which is thread-safe; so is this class.
 */
public final class OrderOutbox {

    private final OutboxWriter writer = OutboxWriter.create();

    /** Creates the outbox tables on every shard (idempotent) and empties them. */
    public static void createOn(ShardRegistry registry) throws SQLException {
        for (Shard shard : registry.shards()) {
            OutboxSchema.create(shard.dataSource());
            OrderTable.execute(shard.dataSource(), "DELETE FROM outbox");
        }
    }

    /** A load write: the order and its event in one transaction, committed together or not at all. */
    public ShardLoad.Write orderWithEvent() {
        return (routing, orderId, customerId) -> {
            try (Connection c = routing.getConnection()) {
                c.setAutoCommit(false);
                OrderTable.insert(c, orderId, customerId, 100);
                writer.append(c, OutboxEvent.of("Order", Long.toString(orderId), "OrderPlaced",
                        "{\"customerId\":" + customerId + "}"));
                c.commit();
            }
        };
    }

    /** Events on {@code shard} not yet published. */
    public static long pending(Shard shard) throws SQLException {
        try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The aggregate ids of every event stored on {@code shard}, published or not. */
    public static Set<String> eventIds(Shard shard) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT aggregate_id FROM outbox")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
