package io.shardkit.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ShardingMetrics} on a Micrometer {@link MeterRegistry}. Load this class only when Micrometer is on the
 * class path; nothing else in sharding-core refers to Micrometer.
 *
 * <p>Thread-safe. Micrometer caches meters by id, so repeated calls find the existing meter.
 */
public final class MicrometerShardingMetrics implements ShardingMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> outboxPending = new ConcurrentHashMap<>();

    public MicrometerShardingMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void routed(String rule, String shard, long nanos, String outcome) {
        Timer.builder(MeterNames.ROUTED_CALLS).description("Calls routed to a shard")
                .tag(MeterNames.TAG_RULE, rule).tag(MeterNames.TAG_SHARD, shard).tag(MeterNames.TAG_OUTCOME, outcome)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void routingFailed(String rule, Class<? extends Throwable> failure) {
        registry.counter(MeterNames.ROUTING_FAILURES, MeterNames.TAG_RULE, rule, MeterNames.TAG_EXCEPTION,
                failure.getSimpleName()).increment();
    }

    @Override
    public void fanOut(String rule, int width) {
        DistributionSummary.builder(MeterNames.FANOUT_WIDTH).description("Shards touched by one scatter-gather")
                .tag(MeterNames.TAG_RULE, rule).register(registry).record(width);
    }

    @Override
    public void shardCall(String rule, String shard, long nanos, String outcome) {
        Timer.builder(MeterNames.SCATTER_SHARD_CALLS).description("One shard's part of a scatter-gather")
                .tag(MeterNames.TAG_RULE, rule).tag(MeterNames.TAG_SHARD, shard).tag(MeterNames.TAG_OUTCOME, outcome)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void merge(String rule, long nanos) {
        Timer.builder(MeterNames.SCATTER_MERGE).description("Merging per-shard results")
                .tag(MeterNames.TAG_RULE, rule).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void outboxPublished(String shard, int events) {
        registry.counter(MeterNames.OUTBOX_PUBLISHED, MeterNames.TAG_SHARD, shard).increment(events);
    }

    @Override
    public void outboxPublishFailed(String shard, Class<? extends Throwable> failure) {
        registry.counter(MeterNames.OUTBOX_FAILURES, MeterNames.TAG_SHARD, shard, MeterNames.TAG_EXCEPTION,
                failure.getSimpleName()).increment();
    }

    @Override
    public void outboxPending(String shard, long pending) {
        // A gauge samples a value it holds; one holder per shard, registered on first report.
        outboxPending.computeIfAbsent(shard, s -> {
            AtomicLong holder = new AtomicLong();
            registry.gauge(MeterNames.OUTBOX_PENDING, Tags.of(MeterNames.TAG_SHARD, s), holder);
            return holder;
        }).set(pending);
    }
}
