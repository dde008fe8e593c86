package io.shardkit.scatter;

import io.shardkit.ShardContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Whether a fan-out runs its shard calls one after the other on the caller's thread instead of handing them to
 * the pool. Handing a call to a worker and waking the caller again costs some 10-20 µs on a busy machine, more than
 * a shard call that is itself a few µs (an indexed read on an embedded database): then the calls in turn on the
 * caller's thread answer sooner than the fan-out. So each rule keeps a moving estimate of its shard calls' latency,
 * fed by every call however it ran, and a fan-out runs inline while the estimate is below the threshold and the
 * caller may run shard calls itself (no shard bound on its thread, and the executor's own condition, e.g. no
 * transaction open).
 *
 * <p>The estimate rises at once to a slower call and falls by an eighth of the gap per faster one, so a shard that
 * turns slow sends the next fan-out back to the pool, and a rule starts on the pool (no estimate yet).
 *
 * <p>Thread-safe. Concurrent updates of one estimate may lose a sample; it stays an estimate.
 */
final class InlinePolicy {

    /** Always hands off. */
    static final InlinePolicy NEVER = new InlinePolicy(0, () -> false);

    private static final long UNKNOWN = Long.MAX_VALUE;

    private final long belowNanos;
    private final BooleanSupplier callerMayRun;
    private final Map<String, Estimate> estimates = new ConcurrentHashMap<>();

    InlinePolicy(long belowNanos, BooleanSupplier callerMayRun) {
        this.belowNanos = belowNanos;
        this.callerMayRun = callerMayRun;
    }

    long belowNanos() {
        return belowNanos;
    }

    /** Whether a fan-out over {@code rule} should run its calls on the calling thread now. */
    boolean inline(String rule) {
        if (belowNanos <= 0) {
            return false;
        }
        Estimate estimate = estimates.get(rule);
        return estimate != null && estimate.nanos < belowNanos && ShardContext.depth() == 0
                && callerMayRun.getAsBoolean();
    }

    /** One shard call of {@code rule} took {@code nanos}, on the pool or inline. */
    void sample(String rule, long nanos) {
        if (belowNanos <= 0) {
            return;
        }
        Estimate estimate = estimates.get(rule);
        if (estimate == null) {
            estimate = estimates.computeIfAbsent(rule, r -> new Estimate());
        }
        estimate.add(nanos);
    }

    /** The current estimate of {@code rule}'s shard-call latency, {@code -1} when none; for tests. */
    long estimateNanos(String rule) {
        Estimate estimate = estimates.get(rule);
        return estimate == null || estimate.nanos == UNKNOWN ? -1 : estimate.nanos;
    }

    private static final class Estimate {

        volatile long nanos = UNKNOWN;

        void add(long sample) {
            long current = nanos;
            nanos = current == UNKNOWN || sample >= current ? sample : current - (current - sample) / 8;
        }
    }
}
