package io.shardkit.scatter;

/**
 * What a scatter-gather does when a shard fails, times out or is skipped by its open circuit breaker.
 */
public enum FailurePolicy {

    /**
     * The first shard failure fails the whole call with a {@link ScatterGatherException} naming the shard; the
     * shards still running are cancelled (interrupted). The default: an answer that silently lacks a shard's
     * rows is wrong, not partial.
     */
    FAIL_FAST,

    /**
     * Every shard runs to completion (or its timeout); the merged value covers the shards that succeeded and
     * {@link ScatterResult#failures()} lists the others and why. Use only where the caller can tell its users
     * that the answer is incomplete.
     */
    PARTIAL
}
