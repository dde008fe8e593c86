package io.shardkit.it.examples;

import io.shardkit.Shard;
import io.shardkit.it.support.OrderOutbox;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one shard of the example service holds, read straight from the shard's own DataSource (not through the
 * service or the routing DataSource): its orders with their item counts, the item rows per order, and the
 * aggregate ids of its outbox events.
 *
 * <p>Immutable once read; thread-safe.
 *
 * @param shard       the shard's name
 * @param itemCounts  order id to the {@code item_count} its order row states
 * @param itemRows    order id to the {@code order_items} rows this shard holds for it
 * @param eventIds    aggregate ids (order ids) of the outbox events stored on this shard, each once
 * @param eventRows   outbox rows on this shard: more than {@code eventIds} holds means an event stored twice
 */
record ShardRows(String shard, Map<Long, Integer> itemCounts, Map<Long, Integer> itemRows, Set<String> eventIds,
                 long eventRows) {

    /** Reads {@code shard}. */
    static ShardRows read(Shard shard) throws SQLException {
        Map<Long, Integer> itemCounts = new HashMap<>();
        Map<Long, Integer> itemRows = new HashMap<>();
        long eventRows;
        try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, item_count FROM orders")) {
                while (rs.next()) {
                    itemCounts.put(rs.getLong(1), rs.getInt(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT order_id, COUNT(*) FROM order_items GROUP BY order_id")) {
                while (rs.next()) {
                    itemRows.put(rs.getLong(1), rs.getInt(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM outbox")) {
                rs.next();
                eventRows = rs.getLong(1);
            }
        }
        return new ShardRows(shard.name(), Map.copyOf(itemCounts), Map.copyOf(itemRows),
                Set.copyOf(OrderOutbox.eventIds(shard)), eventRows);
    }
}
