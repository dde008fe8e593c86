package io.shardkit.it.support;

import io.shardkit.outbox.OutboxPublisher;
import io.shardkit.outbox.OutboxRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher that confirms every batch at once and remembers, per shard, every aggregate id it was handed and
 * how often: what a consumer de-duplicating on the event key would see. The outbox tests compare it with the
 * orders that committed.
 *
 * <p>Thread-safe: the relay publishes batches of different shards concurrently.
 */
public final class OutboxLedger implements OutboxPublisher {

    private final Map<String, Map<String, Integer>> byShard = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();

    @Override
    public void publish(List<OutboxRecord> batch) {
        for (OutboxRecord record : batch) {
            byShard.computeIfAbsent(record.shard(), s -> new ConcurrentHashMap<>())
                    .merge(record.event().aggregateId(), 1, Integer::sum);
        }
        deliveries.addAndGet(batch.size());
    }

    /** The aggregate ids published for {@code shard} so far, each once. */
    public Set<String> publishedIds(String shard) {
        return Set.copyOf(byShard.getOrDefault(shard, Map.of()).keySet());
    }

    /** Every event handed to this publisher, counting redeliveries. */
    public long deliveries() {
        return deliveries.get();
    }

    /** Events handed over more than once (allowed by at-least-once; reported, not failed). */
    public long redeliveries() {
        long distinct = byShard.values().stream().mapToLong(Map::size).sum();
        return deliveries.get() - distinct;
    }
}
