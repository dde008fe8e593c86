package io.shardkit.benchmarks.support;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shardkit.metrics.MeterNames;
import io.shardkit.metrics.ShardingMetrics;
import java.util.concurrent.TimeUnit;

/**
 * Routed calls timed the way shardkit's Micrometer metrics did before they resolved their meters once: a
 * {@link Timer} built and registered (looked up in the registry) on every call. The baseline of
 * {@link Peer#SHARDKIT_SPRING_PER_CALL_METERS}, so that the cost of per-call registration shows beside the current
 * metrics in one run.
 *
 * <p>Thread-safe.
 */
final class PerCallMeters implements ShardingMetrics {

    private final MeterRegistry registry;

    PerCallMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void routed(String rule, String shard, long nanos, String outcome) {
        Timer.builder(MeterNames.ROUTED_CALLS).description("Calls routed to a shard")
                .tag(MeterNames.TAG_RULE, rule).tag(MeterNames.TAG_SHARD, shard).tag(MeterNames.TAG_OUTCOME, outcome)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
