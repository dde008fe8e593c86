package io.shardkit.spring.boot.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterGatherExecutorBuilder;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Builds the {@link ScatterGatherExecutor} from {@code shardkit.scatter-gather.*}, checking each value first so that
 * a mistake fails the start naming its property.
 *
 * <p>Stateless and thread-safe.
 */
final class ScatterGatherExecutorFactory {

    static final ConfigPath PATH = ConfigPath.SHARDKIT.child("scatter-gather");

    private ScatterGatherExecutorFactory() {
    }

    /**
     * @param breakers the application's own breaker registry, used instead of
     *                 {@code shardkit.scatter-gather.circuit-breaker.*}; {@code null} when it has none
     */
    static ScatterGatherExecutor create(ScatterGatherProperties properties, ShardingMetrics metrics,
                                        @Nullable CircuitBreakerRegistry breakers) {
        if (properties.getParallelism() < 1) {
            throw PATH.child("parallelism").fail("must be >= 1 but was " + properties.getParallelism());
        }
        Duration timeout = positive("timeout", properties.getTimeout());
        Duration shardTimeout = properties.getShardTimeout() == null ? timeout
                : positive("shard-timeout", properties.getShardTimeout());
        ScatterGatherExecutorBuilder builder = ScatterGatherExecutor.builder()
                .parallelism(properties.getParallelism())
                .deadline(timeout)
                .shardTimeout(shardTimeout)
                .failurePolicy(properties.getFailurePolicy())
                .inlineBelow(nonNegative("inline-below", properties.getInlineBelow()))
                // Inside a transaction a shard's call would join it rather than open its own on its shard.
                .inlineWhen(() -> !TransactionSynchronizationManager.isSynchronizationActive())
                .metrics(metrics);
        CircuitBreakerRegistry registry = breakers != null ? breakers : breakers(properties.getCircuitBreaker());
        if (registry != null) {
            builder.circuitBreakerRegistry(registry);
        }
        return builder.build();
    }

    private static @Nullable CircuitBreakerRegistry breakers(ScatterGatherProperties.CircuitBreaker properties) {
        if (!properties.isEnabled()) {
            return null;
        }
        try {
            return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                    .failureRateThreshold(properties.getFailureRateThreshold())
                    .slidingWindowSize(properties.getSlidingWindowSize())
                    .minimumNumberOfCalls(properties.getMinimumNumberOfCalls())
                    .waitDurationInOpenState(properties.getWaitInOpenState())
                    .permittedNumberOfCallsInHalfOpenState(properties.getPermittedCallsInHalfOpenState())
                    .build());
        } catch (IllegalArgumentException ex) {
            throw PATH.child("circuit-breaker").fail(Objects.toString(ex.getMessage(), ex.toString()), null, ex);
        }
    }

    private static Duration nonNegative(String property, @Nullable Duration value) {
        if (value == null || value.isNegative()) {
            throw PATH.child(property).fail("must be a duration of 0 or more but was " + value);
        }
        return value;
    }

    private static Duration positive(String property, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw PATH.child(property).fail("must be a positive duration but was " + value);
        }
        return value;
    }
}
