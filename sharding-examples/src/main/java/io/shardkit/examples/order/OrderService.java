package io.shardkit.examples.order;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardingRules;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.examples.events.OrderPlaced;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places and reads orders, each call on exactly one shard, chosen by shardkit's {@code @Sharded} aspect before
 * the transaction opens:
 * <ul>
 *   <li>{@link #place}: routed by customer id ({@code orders}, hash). The order row, its lines and its
 *       {@code OrderPlaced} outbox event are written in one local transaction on that shard: all or nothing.
 *       The order id is minted for the same shard, so it carries the shard's index.</li>
 *   <li>{@link #find}: routed by the order id alone ({@code order-ids}): no lookup table, no fan-out.</li>
 *   <li>{@link #customerOrders}: routed by customer id; a customer's history is a single-shard query.</li>
 * </ul>
 *
 * <p>Thread-safe (stateless apart from thread-safe collaborators).
 */
public class OrderService {

    /** The rule placing orders, their lines and their events: hash of the customer id. */
    public static final String ORDERS_RULE = "orders";
    /** The rule reading the shard index out of an order id. */
    public static final String ORDER_IDS_RULE = "order-ids";

    private final OrderRepository repository;
    private final ShardingRules rules;
    private final ShardIdGenerator ids;
    private final OutboxWriter outbox;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final Clock clock;

    public OrderService(OrderRepository repository, ShardingRules rules, ShardIdGenerator ids, OutboxWriter outbox,
                        DataSource dataSource, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.ids = ids;
        this.outbox = outbox;
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Places {@code order} on its customer's shard: order row, lines and {@code OrderPlaced} event in one local
     * transaction. Either all three commit or none does.
     */
    @Sharded(rule = ORDERS_RULE, key = "#order.customerId")
    @Transactional
    public Order place(NewOrder order) {
        Shard shard = Objects.requireNonNull(ShardContext.current(), "the @Sharded aspect binds the shard");
        long id = ids.nextIdFor(rules.rule(ORDERS_RULE), order.customerId());
        // Micros: what every supported database keeps, so that keyset positions compare exactly.
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        repository.insert(id, order, createdAt);
        Order placed = new Order(id, order.customerId(), order.merchantId(), order.totalCents(), createdAt,
                shard.name(), order.lines());
        OutboxEvent event = OutboxEvent.of(OrderPlaced.AGGREGATE, Long.toString(id), OrderPlaced.TYPE,
                OrderPlaced.of(placed).toJson(json));
        // The starter's writer joins this @Transactional transaction on the customer's shard: the event commits or
        // rolls back with the order.
        outbox.append(dataSource, event);
        return placed;
    }

    /** The order with that id, read from the shard its id names; {@link OrderNotFoundException} if absent. */
    @Sharded(rule = ORDER_IDS_RULE)
    @Transactional(readOnly = true)
    public Order find(@ShardKey long orderId) {
        Shard shard = Objects.requireNonNull(ShardContext.current(), "the @Sharded aspect binds the shard");
        return repository.findById(orderId, shard.name()).orElseThrow(() -> new OrderNotFoundException(orderId,
                "shard '" + shard.name() + "', which its id names, does not hold it"));
    }

    /**
     * Up to {@code limit} of the customer's orders, newest first, older than {@code beforeId} when given: one
     * shard, one indexed query.
     */
    @Sharded(rule = ORDERS_RULE)
    @Transactional(readOnly = true)
    public List<OrderSummary> customerOrders(@ShardKey long customerId, @Nullable Long beforeId, int limit) {
        Shard shard = Objects.requireNonNull(ShardContext.current(), "the @Sharded aspect binds the shard");
        return repository.findByCustomer(customerId, beforeId, limit, shard.name());
    }
}
