package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.scatter.FailurePolicy;
import io.shardkit.scatter.ScatterGatherExecutor;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How scatter-gather calls fan out ({@code shardkit.scatter-gather.*}): the settings of the
 * {@link io.shardkit.scatter.ScatterGatherExecutor} behind {@code @ScatterGather} and {@code @Broadcast}.
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
public class ScatterGatherProperties {

    /** Default of {@link #parallelism}: the core executor's. */
    public static final int DEFAULT_PARALLELISM = ScatterGatherExecutor.DEFAULT_PARALLELISM;
    /** Default of {@link #timeout}: the core executor's deadline. */
    public static final Duration DEFAULT_TIMEOUT = ScatterGatherExecutor.DEFAULT_DEADLINE;
    /** Default of {@link #inlineBelow}: the core executor's. */
    public static final Duration DEFAULT_INLINE_BELOW = ScatterGatherExecutor.DEFAULT_INLINE_BELOW;

    /** Most shard calls of all scatter-gathers that run at once (the executor's thread count). */
    private int parallelism = DEFAULT_PARALLELISM;

    /**
     * Longest a whole scatter-gather may take, counted from the fan-out; shard calls still running then are
     * cancelled and fail as timed out.
     */
    private Duration timeout = DEFAULT_TIMEOUT;

    /** Longest one shard's call may run, counted from its start; unset means the same as timeout. */
    private @Nullable Duration shardTimeout;

    /**
     * What a scatter-gather does when one shard fails: fail-fast fails the call at once, naming the shard; partial
     * lets every shard finish and reports the failed ones (to methods returning ScatterResult; other methods still
     * fail, after every shard ran).
     */
    private FailurePolicy failurePolicy = ScatterGatherExecutor.DEFAULT_FAILURE_POLICY;

    /**
     * Shard calls of a rule that recently took less than this run one after the other on the caller's thread
     * instead of the pool (handing them off would cost more than they do), unless the caller has a shard bound or a
     * transaction open. Such a call cannot be interrupted: a timeout is found when it returns. 0 always fans out.
     */
    private Duration inlineBelow = DEFAULT_INLINE_BELOW;

    /** A circuit breaker per rule and shard, so that a shard that keeps failing is skipped fast. */
    private final CircuitBreaker circuitBreaker = new CircuitBreaker();

    public int getParallelism() {
        return parallelism;
    }

    public void setParallelism(int parallelism) {
        this.parallelism = parallelism;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public @Nullable Duration getShardTimeout() {
        return shardTimeout;
    }

    public void setShardTimeout(@Nullable Duration shardTimeout) {
        this.shardTimeout = shardTimeout;
    }

    public FailurePolicy getFailurePolicy() {
        return failurePolicy;
    }

    public void setFailurePolicy(FailurePolicy failurePolicy) {
        this.failurePolicy = failurePolicy;
    }

    public Duration getInlineBelow() {
        return inlineBelow;
    }

    public void setInlineBelow(Duration inlineBelow) {
        this.inlineBelow = inlineBelow;
    }

    public CircuitBreaker getCircuitBreaker() {
        return circuitBreaker;
    }

    /**
     * Circuit breaker settings ({@code shardkit.scatter-gather.circuit-breaker.*}), one resilience4j breaker per
     * rule and shard. Ignored when the application declares its own {@code CircuitBreakerRegistry} bean, which
     * is then used instead.
     */
    public static class CircuitBreaker {

        /** Default of {@link #failureRateThreshold}. */
        public static final float DEFAULT_FAILURE_RATE_THRESHOLD = 50;
        /** Default of {@link #slidingWindowSize}. */
        public static final int DEFAULT_SLIDING_WINDOW_SIZE = 20;
        /** Default of {@link #minimumNumberOfCalls}. */
        public static final int DEFAULT_MINIMUM_NUMBER_OF_CALLS = 10;
        /** Default of {@link #waitInOpenState}. */
        public static final Duration DEFAULT_WAIT_IN_OPEN_STATE = Duration.ofSeconds(10);
        /** Default of {@link #permittedCallsInHalfOpenState}. */
        public static final int DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE = 2;

        /** Whether shard calls are guarded by circuit breakers. */
        private boolean enabled;

        /** Failure rate (percent of the sliding window) at which a shard's breaker opens. */
        private float failureRateThreshold = DEFAULT_FAILURE_RATE_THRESHOLD;

        /** How many of a shard's latest calls the failure rate is computed over. */
        private int slidingWindowSize = DEFAULT_SLIDING_WINDOW_SIZE;

        /** Fewest calls before the failure rate is judged at all. */
        private int minimumNumberOfCalls = DEFAULT_MINIMUM_NUMBER_OF_CALLS;

        /** How long an open breaker skips its shard before letting trial calls through (half-open). */
        private Duration waitInOpenState = DEFAULT_WAIT_IN_OPEN_STATE;

        /** How many trial calls a half-open breaker lets through to decide whether to close again. */
        private int permittedCallsInHalfOpenState = DEFAULT_PERMITTED_CALLS_IN_HALF_OPEN_STATE;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public float getFailureRateThreshold() {
            return failureRateThreshold;
        }

        public void setFailureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
        }

        public int getSlidingWindowSize() {
            return slidingWindowSize;
        }

        public void setSlidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = slidingWindowSize;
        }

        public int getMinimumNumberOfCalls() {
            return minimumNumberOfCalls;
        }

        public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = minimumNumberOfCalls;
        }

        public Duration getWaitInOpenState() {
            return waitInOpenState;
        }

        public void setWaitInOpenState(Duration waitInOpenState) {
            this.waitInOpenState = waitInOpenState;
        }

        public int getPermittedCallsInHalfOpenState() {
            return permittedCallsInHalfOpenState;
        }

        public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
            this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
        }
    }
}
