package io.shardkit.spring.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shardkit.metrics.MeterNames;
import io.shardkit.outbox.kafka.KafkaOutboxMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@link KafkaOutboxMetrics} on Micrometer: {@value #BATCHES}, a timer of publish calls from hand-in to the last
 * acknowledgement (or the refusal), tagged {@code shard} and {@code outcome} ({@code acknowledged} or
 * {@code refused}); {@value #RECORDS}, a counter of records acknowledged, tagged {@code shard}; and
 * {@value #REFUSALS}, a counter of refused batches tagged {@code shard} and {@code exception}. A shard's meters are
 * registered on its first batch and held; a call only records.
 *
 * <p>Thread-safe.
 */
public final class MicrometerKafkaOutboxMetrics implements KafkaOutboxMetrics {

    public static final String BATCHES = "shardkit.outbox.kafka.batches";
    public static final String RECORDS = "shardkit.outbox.kafka.records";
    public static final String REFUSALS = "shardkit.outbox.kafka.refusals";

    private final MeterRegistry registry;
    private final Map<String, ShardMeters> byShard = new ConcurrentHashMap<>();

    public MicrometerKafkaOutboxMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void batchAcknowledged(String shard, int records, long nanos) {
        ShardMeters meters = meters(shard);
        meters.acknowledged.record(nanos, TimeUnit.NANOSECONDS);
        meters.records.increment(records);
    }

    @Override
    public void batchRefused(String shard, long nanos, Class<? extends Throwable> failure) {
        meters(shard).refused.record(nanos, TimeUnit.NANOSECONDS);
        // Refusals are rare and their exception types few: resolved when they happen.
        registry.counter(REFUSALS, MeterNames.TAG_SHARD, shard, MeterNames.TAG_EXCEPTION, failure.getSimpleName())
                .increment();
    }

    private ShardMeters meters(String shard) {
        return byShard.computeIfAbsent(shard, s -> new ShardMeters(registry, s));
    }

    /** One shard's meters, registered once. */
    private static final class ShardMeters {
        private final Timer acknowledged;
        private final Timer refused;
        private final Counter records;

        ShardMeters(MeterRegistry registry, String shard) {
            acknowledged = Timer.builder(BATCHES).tag(MeterNames.TAG_SHARD, shard)
                    .tag(MeterNames.TAG_OUTCOME, "acknowledged").register(registry);
            refused = Timer.builder(BATCHES).tag(MeterNames.TAG_SHARD, shard).tag(MeterNames.TAG_OUTCOME, "refused")
                    .register(registry);
            records = Counter.builder(RECORDS).tag(MeterNames.TAG_SHARD, shard).register(registry);
        }
    }
}
