package io.shardkit.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shardkit.Shard;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one rule, each registered the first time it is reported and held from then on: per shard its
 * routed-call timers (by outcome) and scatter-gather shard-call timers (by outcome), and for the rule its fan-out
 * width and merge time. Shards are found by name (a map read) or, for {@link #record}, by index (an array read).
 *
 * <p>Thread-safe. Two threads resolving the same meter at once both get the registry's one meter for that id.
 */
final class RuleMeters implements RoutedCalls {

    private static final String[] ROUTED_OUTCOMES = {MeterNames.OUTCOME_SUCCESS, MeterNames.OUTCOME_FAILURE};
    private static final String[] SCATTER_OUTCOMES = {MeterNames.OUTCOME_SUCCESS, MeterNames.OUTCOME_FAILURE,
            MeterNames.OUTCOME_TIMEOUT, MeterNames.OUTCOME_REJECTED, MeterNames.OUTCOME_CANCELLED};

    private final MeterRegistry registry;
    private final String rule;
    private final Map<String, ShardMeters> byName = new ConcurrentHashMap<>();
    /** By shard index; grown (copied) when a shard of a higher index first reports. */
    private volatile @Nullable ShardMeters[] byIndex = new ShardMeters[0];
    private volatile @Nullable DistributionSummary fanOutWidth;
    private volatile @Nullable Timer merge;

    RuleMeters(MeterRegistry registry, String rule) {
        this.registry = registry;
        this.rule = rule;
    }

    @Override
    public void record(Shard shard, long nanos, boolean success) {
        @Nullable ShardMeters[] meters = byIndex;
        int index = shard.index();
        ShardMeters found = index < meters.length ? meters[index] : null;
        if (found == null || !found.shard.equals(shard.name())) {
            found = indexed(shard);
        }
        found.routed(success ? 0 : 1).record(nanos, TimeUnit.NANOSECONDS);
    }

    void routed(String shard, String outcome, long nanos) {
        int position = position(ROUTED_OUTCOMES, outcome);
        if (position < 0) {
            timer(MeterNames.ROUTED_CALLS, "Calls routed to a shard", shard, outcome).record(nanos,
                    TimeUnit.NANOSECONDS);
        } else {
            shard(shard).routed(position).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void shardCall(String shard, String outcome, long nanos) {
        int position = position(SCATTER_OUTCOMES, outcome);
        if (position < 0) {
            timer(MeterNames.SCATTER_SHARD_CALLS, "One shard's part of a scatter-gather", shard, outcome)
                    .record(nanos, TimeUnit.NANOSECONDS);
        } else {
            shard(shard).scatter(position).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    DistributionSummary fanOutWidth() {
        DistributionSummary summary = fanOutWidth;
        if (summary == null) {
            summary = DistributionSummary.builder(MeterNames.FANOUT_WIDTH)
                    .description("Shards touched by one scatter-gather").tag(MeterNames.TAG_RULE, rule)
                    .register(registry);
            fanOutWidth = summary;
        }
        return summary;
    }

    void merge(long nanos) {
        Timer timer = merge;
        if (timer == null) {
            timer = Timer.builder(MeterNames.SCATTER_MERGE).description("Merging per-shard results")
                    .tag(MeterNames.TAG_RULE, rule).register(registry);
            merge = timer;
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private ShardMeters shard(String shard) {
        ShardMeters found = byName.get(shard);
        return found != null ? found : byName.computeIfAbsent(shard, ShardMeters::new);
    }

    private synchronized ShardMeters indexed(Shard shard) {
        ShardMeters meters = shard(shard.name());
        @Nullable ShardMeters[] grown = Arrays.copyOf(byIndex, Math.max(byIndex.length, shard.index() + 1));
        grown[shard.index()] = meters;
        byIndex = grown;
        return meters;
    }

    /** The outcome's slot; identity first (callers pass the {@link MeterNames} constants), then equality. */
    private static int position(String[] outcomes, String outcome) {
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == outcome || outcomes[i].equals(outcome)) {
                return i;
            }
        }
        return -1;
    }

    private Timer timer(String name, String description, String shard, String outcome) {
        return Timer.builder(name).description(description).tag(MeterNames.TAG_RULE, rule)
                .tag(MeterNames.TAG_SHARD, shard).tag(MeterNames.TAG_OUTCOME, outcome).register(registry);
    }

    /** One shard's timers under this rule, by outcome slot. */
    private final class ShardMeters {

        final String shard;
        private final AtomicReferenceArray<Timer> routed = new AtomicReferenceArray<>(ROUTED_OUTCOMES.length);
        private final AtomicReferenceArray<Timer> scatter = new AtomicReferenceArray<>(SCATTER_OUTCOMES.length);

        ShardMeters(String shard) {
            this.shard = shard;
        }

        Timer routed(int position) {
            Timer timer = routed.get(position);
            if (timer == null) {
                timer = timer(MeterNames.ROUTED_CALLS, "Calls routed to a shard", shard, ROUTED_OUTCOMES[position]);
                routed.set(position, timer);
            }
            return timer;
        }

        Timer scatter(int position) {
            Timer timer = scatter.get(position);
            if (timer == null) {
                timer = timer(MeterNames.SCATTER_SHARD_CALLS, "One shard's part of a scatter-gather", shard,
                        SCATTER_OUTCOMES[position]);
                scatter.set(position, timer);
            }
            return timer;
        }
    }
}
