package io.shardkit.scatter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shardkit.Shard;
import java.util.concurrent.TimeUnit;
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
        return new ShardAdmission() {
            @Override
            public @Nullable ShardCircuitOpenException admit(String rule, Shard shard) {
                CircuitBreaker breaker = registry.circuitBreaker(name(rule, shard.name()));
                return breaker.tryAcquirePermission() ? null
                        : new ShardCircuitOpenException(rule, shard.name(), breaker.getName(),
                                breaker.getState().name());
            }

            @Override
            public void succeeded(String rule, Shard shard, long nanos) {
                registry.circuitBreaker(name(rule, shard.name())).onSuccess(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void failed(String rule, Shard shard, long nanos, Throwable failure) {
                registry.circuitBreaker(name(rule, shard.name())).onError(nanos, TimeUnit.NANOSECONDS, failure);
            }

            @Override
            public void abandoned(String rule, Shard shard) {
                registry.circuitBreaker(name(rule, shard.name())).releasePermission();
            }

            @Override
            public CircuitBreaker.@Nullable State state(String rule, String shard) {
                return registry.circuitBreaker(name(rule, shard)).getState();
            }
        };
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
