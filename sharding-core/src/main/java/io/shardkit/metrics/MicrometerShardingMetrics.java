package io.shardkit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.shardkit.Shard;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link ShardingMetrics} on a Micrometer {@link MeterRegistry}. Load this class only when Micrometer is on the
 * class path; nothing else in sharding-core refers to Micrometer.
 *
 * <p>Meters are resolved once per rule, shard and outcome, the first time each is reported, and held
 * ({@link RuleMeters}): a call then finds its meter by string-keyed map reads (or, through
 * {@link #routedCalls(String)}, an array read by shard index) and records, with nothing built, registered or
 * allocated, as HikariCP's and resilience4j's trackers register their meters up front.
 *
 * <p>Thread-safe.
 */
public final class MicrometerShardingMetrics implements ShardingMetrics {

    private final MeterRegistry registry;
    private final Map<String, RuleMeters> rules = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outboxPending = new ConcurrentHashMap<>();
    private final Map<String, Counter> outboxPublished = new ConcurrentHashMap<>();

    public MicrometerShardingMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    private RuleMeters rule(String rule) {
        RuleMeters found = rules.get(rule);
        return found != null ? found : rules.computeIfAbsent(rule, r -> new RuleMeters(registry, r));
    }

    /** The rule's recorder, shared by every route of the rule; its meters are held in an array by shard index. */
    @Override
    public RoutedCalls routedCalls(String rule) {
        return rule(Objects.requireNonNull(rule, "rule"));
    }

    @Override
    public void routed(String rule, String shard, long nanos, String outcome) {
        rule(rule).routed(shard, outcome, nanos);
    }

    @Override
    public void routingFailed(String rule, Class<? extends Throwable> failure) {
        // A failure path: the counter is looked up by the registry (it caches meters by id).
        registry.counter(MeterNames.ROUTING_FAILURES, MeterNames.TAG_RULE, rule, MeterNames.TAG_EXCEPTION,
                failure.getSimpleName()).increment();
    }

    @Override
    public void fanOut(String rule, int width) {
        rule(rule).fanOutWidth().record(width);
    }

    @Override
    public void shardCall(String rule, String shard, long nanos, String outcome) {
        rule(rule).shardCall(shard, outcome, nanos);
    }

    @Override
    public void merge(String rule, long nanos) {
        rule(rule).merge(nanos);
    }

    @Override
    public void outboxPublished(String shard, int events) {
        Counter counter = outboxPublished.get(shard);
        if (counter == null) {
            counter = outboxPublished.computeIfAbsent(shard, s -> registry.counter(MeterNames.OUTBOX_PUBLISHED,
                    MeterNames.TAG_SHARD, s));
        }
        counter.increment(events);
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
