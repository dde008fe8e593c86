package io.shardkit.examples.analytics;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.examples.events.OrderPlaced;
import io.shardkit.examples.events.Projection;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects {@code OrderPlaced} events (decoded by {@link io.shardkit.examples.events.OrderPlacedEvents}) into the
 * {@code order_analytics} table, each row on the shard the {@code price-bands} range rule gives the order's total:
 * small orders on one shard, medium on another, large on a third. Fed from the outbox, so it is eventually
 * consistent with the orders and never part of an order's own transaction (which would span two shards).
 *
 * <p>Idempotent ({@link Projection}): a redelivered event changes nothing.
 *
 * <p>Thread-safe (stateless apart from thread-safe collaborators).
 */
public final class PriceBandAnalytics implements Consumer<List<OrderPlaced>> {

    /** The range rule placing the analytics table by order total. */
    public static final String PRICE_BANDS_RULE = "price-bands";

    private static final Projection TABLE = new Projection("order_analytics",
            List.of("order_id", "price_band", "total_cents", "merchant_id", "created_at"));

    private final ShardingRule priceBands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public PriceBandAnalytics(ShardingRule priceBands, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.priceBands = priceBands;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void accept(List<OrderPlaced> batch) {
        Map<Shard, List<Object[]>> rowsByShard = new LinkedHashMap<>();
        for (OrderPlaced e : batch) {
            Shard shard = priceBands.shardOf(e.totalCents());
            rowsByShard.computeIfAbsent(shard, s -> new ArrayList<>()).add(new Object[] {e.orderId(),
                    PriceBand.of(e.totalCents()).name(), e.totalCents(), e.merchantId(),
                    Timestamp.from(e.createdAt())});
        }
        rowsByShard.forEach((shard, rows) -> {
            try (ShardScope ignored = ShardContext.bind(shard)) {
                tx.executeWithoutResult(status -> TABLE.insertAbsent(jdbc, rows));
            }
        });
    }
}
