package io.shardkit.examples.merchant;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.examples.events.OrderPlaced;
import io.shardkit.examples.events.Projection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects {@code OrderPlaced} events (decoded by {@link io.shardkit.examples.events.OrderPlacedEvents}) into
 * {@code merchant_orders} on each merchant's shard (as the directory says now), holding the merchant's read lock so
 * that a concurrent move cannot strand a row on the old shard.
 *
 * <p>Idempotent ({@link Projection}): a redelivered event changes nothing.
 *
 * <p>Thread-safe.
 */
public final class MerchantSales implements Consumer<List<OrderPlaced>> {

    private static final Projection TABLE = new Projection("merchant_orders",
            List.of("order_id", "merchant_id", "total_cents"));

    private final MerchantService merchants;
    private final ShardingRule rule;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public MerchantSales(MerchantService merchants, ShardingRule rule, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.merchants = merchants;
        this.rule = rule;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void accept(List<OrderPlaced> batch) {
        // Sorted by merchant id, so that locks are always taken in the same order.
        Map<Long, List<Object[]>> rowsByMerchant = new TreeMap<>();
        for (OrderPlaced e : batch) {
            rowsByMerchant.computeIfAbsent(e.merchantId(), m -> new ArrayList<>()).add(new Object[] {
                    e.orderId(), e.merchantId(), e.totalCents()});
        }
        List<Lock> held = new ArrayList<>(rowsByMerchant.size());
        try {
            // Where a merchant lives is read under its lock: a move cannot slip in between reading and writing.
            Map<Shard, List<Object[]>> rowsByShard = new LinkedHashMap<>();
            for (Map.Entry<Long, List<Object[]>> e : rowsByMerchant.entrySet()) {
                Lock read = merchants.readLock(e.getKey());
                read.lock();
                held.add(read);
                rowsByShard.computeIfAbsent(rule.shardOf(e.getKey()), s -> new ArrayList<>()).addAll(e.getValue());
            }
            rowsByShard.forEach((shard, rows) -> {
                try (ShardScope ignored = ShardContext.bind(shard)) {
                    tx.executeWithoutResult(status -> TABLE.insertAbsent(jdbc, rows));
                }
            });
        } finally {
            held.forEach(Lock::unlock);
        }
    }
}
