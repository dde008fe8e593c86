package io.shardkit.examples.merchant;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.examples.events.OrderPlaced;
import io.shardkit.outbox.OutboxRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Projects {@code OrderPlaced} events into {@code merchant_orders} on each merchant's shard (as the directory
 * says now), holding the merchant's read lock so that a concurrent move cannot strand a row on the old shard.
 *
 * <p>Idempotent: a row is inserted only if absent, so a redelivered event changes nothing.
 *
 * <p>Thread-safe.
 */
public final class MerchantSales implements Consumer<List<OutboxRecord>> {

    private static final String INSERT = "insert into merchant_orders (merchant_id, order_id, total_cents) "
            + "select ?, ?, ? from (select 1 as one) x "
            + "where not exists (select 1 from merchant_orders where merchant_id = ? and order_id = ?)";

    private final MerchantService merchants;
    private final ShardingRule rule;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public MerchantSales(MerchantService merchants, ShardingRule rule, JdbcTemplate jdbc, TransactionTemplate tx,
                         JsonMapper json) {
        this.merchants = merchants;
        this.rule = rule;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    @Override
    public void accept(List<OutboxRecord> batch) {
        // Sorted by merchant id, so that locks are always taken in the same order.
        Map<Long, List<Object[]>> rowsByMerchant = new TreeMap<>();
        for (OutboxRecord r : batch) {
            if (OrderPlaced.TYPE.equals(r.event().eventType())) {
                OrderPlaced e = OrderPlaced.fromJson(json, r.event().payload());
                rowsByMerchant.computeIfAbsent(e.merchantId(), m -> new ArrayList<>()).add(new Object[] {
                        e.merchantId(), e.orderId(), e.totalCents(), e.merchantId(), e.orderId()});
            }
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
                    tx.executeWithoutResult(status -> jdbc.batchUpdate(INSERT, rows));
                }
            });
        } finally {
            held.forEach(Lock::unlock);
        }
    }
}
