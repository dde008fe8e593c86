package io.shardkit.scatter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shardkit.Shard;
import org.jspecify.annotations.Nullable;

/**
 * Admission and outcome bookkeeping per rule and shard: a resilience4j circuit breaker when a registry is
 * configured, otherwise {@link #NONE}, so that the fan-out never checks for a missing registry.
 *
 * <p>Implementations are thread-safe.
 */
interface ShardAdmission {

    /** Admits every call and records nothing. */
    ShardAdmission NONE = new ShardAdmission() {
    };

    /** Admission by one circuit breaker per rule and shard, named by {@link #name(String, String)}. */
    static ShardAdmission breakers(CircuitBreakerRegistry registry) {
        return new BreakerAdmission(registry);
    }

    /** The breaker name for a rule and shard: {@code rule/shard}. */
    static String name(String rule, String shard) {
        return rule + "/" + shard;
    }

    /** {@code null} when the shard may be called, else the failure to report for skipping it. */
    default @Nullable ShardCircuitOpenException admit(String rule, Shard shard) {
        return null;
    }

    /** An admitted call succeeded after {@code nanos}. */
    default void succeeded(String rule, Shard shard, long nanos) {
    }

    /** An admitted call failed (or timed out) after {@code nanos}. */
    default void failed(String rule, Shard shard, long nanos, Throwable failure) {
    }

    /** An admitted call was cancelled for another shard's failure: it says nothing about this shard's health. */
    default void abandoned(String rule, Shard shard) {
    }

    /** The breaker's state, or {@code null} without breakers. */
    default CircuitBreaker.@Nullable State state(String rule, String shard) {
        return null;
    }
}
