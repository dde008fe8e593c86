package io.shardkit.examples.demo;

import io.shardkit.Shard;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import io.shardkit.examples.events.OrderPlaced;
import io.shardkit.examples.order.NewOrder;
import io.shardkit.examples.order.Order;
import io.shardkit.examples.order.OrderLine;
import io.shardkit.examples.order.OrderRepository;
import io.shardkit.examples.order.PlaceOrderRequest;
import io.shardkit.id.ShardIdGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor {@code --compare} prints beside the service: the same order rows, lines and {@code OrderPlaced} outbox
 * event as {@link io.shardkit.examples.order.OrderPlacement} writes, on the same shards and pools, but with plain
 * JDBC: the shard computed inline from the {@code orders} rule, the connection taken from that shard's pool, one
 * hand-written transaction, no Spring (no aspect, no transaction manager, no Spring Data), as an application
 * without a sharding layer would write it. The relay publishes these events like the service's.
 *
 * <p>Thread-safe (stateless apart from thread-safe collaborators).
 */
final class DirectPlacement {

    private static final String INSERT_ORDER = OrderRepository.INSERT_ORDER;
    private static final String INSERT_ITEM = OrderRepository.INSERT_ITEM;
    private static final String[] OUTBOX_ID = {"id"};

    private final ShardingRule orders;
    private final ShardIdGenerator ids;
    private final JsonMapper json;
    private final Clock clock;
    private final String insertEvent;

    DirectPlacement(ShardingRule orders, ShardIdGenerator ids, JsonMapper json, Clock clock, String outboxTable) {
        this.orders = orders;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
        this.insertEvent = "insert into " + outboxTable + " (aggregate_type, aggregate_id, event_type, payload, "
                + "created_at) values (?, ?, ?, ?, ?)";
    }

    /** Validates and places the order in one transaction on its customer's shard. */
    Order place(PlaceOrderRequest request) {
        NewOrder order = request.validate();
        Shard shard = orders.shardOf(order.customerId());
        long id = ids.nextId(shard.index());
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Order placed = new Order(id, order.customerId(), order.merchantId(), order.totalCents(), createdAt,
                shard.name(), order.lines());
        try (Connection c = shard.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                insert(c, placed);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new ShardingException("shard '" + shard.name() + "': placing order " + id + " failed: "
                    + e.getMessage(), e);
        }
        return placed;
    }

    private void insert(Connection c, Order o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_ORDER)) {
            ps.setLong(1, o.id());
            ps.setLong(2, o.customerId());
            ps.setLong(3, o.merchantId());
            ps.setLong(4, o.totalCents());
            ps.setInt(5, o.lines().size());
            ps.setTimestamp(6, Timestamp.from(o.createdAt()));
            ps.executeUpdate();
        }
        List<OrderLine> lines = o.lines();
        try (PreparedStatement ps = c.prepareStatement(INSERT_ITEM)) {
            for (int i = 0; i < lines.size(); i++) {
                OrderLine line = lines.get(i);
                ps.setLong(1, o.id());
                ps.setInt(2, i);
                ps.setString(3, line.sku());
                ps.setInt(4, line.quantity());
                ps.setLong(5, line.unitPriceCents());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(insertEvent, OUTBOX_ID)) {
            ps.setString(1, OrderPlaced.AGGREGATE);
            ps.setString(2, Long.toString(o.id()));
            ps.setString(3, OrderPlaced.TYPE);
            ps.setString(4, OrderPlaced.of(o).toJson(json));
            ps.setTimestamp(5, Timestamp.from(clock.instant()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no generated outbox id");
                }
            }
        }
    }
}
