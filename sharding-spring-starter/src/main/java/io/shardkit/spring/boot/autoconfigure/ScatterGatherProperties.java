package io.shardkit.spring.boot.autoconfigure;

import java.time.Duration;

/**
 * How scatter-gather calls fan out ({@code shardkit.scatter-gather.*}). Bound now; consumed by the
 * scatter-gather executor's auto-configuration.
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
public class ScatterGatherProperties {

    /** Default of {@link #parallelism}. */
    public static final int DEFAULT_PARALLELISM = 16;
    /** Default of {@link #timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    /** Most shard calls of all scatter-gathers that run at once (the executor's thread count). */
    private int parallelism = DEFAULT_PARALLELISM;

    /** Longest a whole scatter-gather may take before its unfinished shard calls count as timed out. */
    private Duration timeout = DEFAULT_TIMEOUT;

    /** What a scatter-gather does when one shard fails. */
    private FailurePolicy failurePolicy = FailurePolicy.FAIL_FAST;

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

    public FailurePolicy getFailurePolicy() {
        return failurePolicy;
    }

    public void setFailurePolicy(FailurePolicy failurePolicy) {
        this.failurePolicy = failurePolicy;
    }

    /** What a scatter-gather does when a shard fails. */
    public enum FailurePolicy {
        /** The first shard failure fails the whole call and cancels the other shards' calls. */
        FAIL_FAST,
        /** The call returns what the healthy shards answered and reports which shards failed. */
        PARTIAL
    }
}
