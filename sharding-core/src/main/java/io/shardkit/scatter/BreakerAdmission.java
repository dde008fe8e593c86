package io.shardkit.scatter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shardkit.Shard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@link ShardAdmission} by one resilience4j circuit breaker per rule and shard, named
 * {@link ShardAdmission#name(String, String)}. Each breaker is looked up in the registry once, the first time its
 * rule and shard are called, and held: a call then finds it by two string-keyed map reads, with no name built.
 *
 * <p>Thread-safe.
 */
final class BreakerAdmission implements ShardAdmission {

    private final CircuitBreakerRegistry registry;
    private final Map<String, Map<String, CircuitBreaker>> breakers = new ConcurrentHashMap<>();

    BreakerAdmission(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public @Nullable ShardCircuitOpenException admit(String rule, Shard shard) {
        CircuitBreaker breaker = breaker(rule, shard.name());
        return breaker.tryAcquirePermission() ? null
                : new ShardCircuitOpenException(rule, shard.name(), breaker.getName(), breaker.getState().name());
    }

    @Override
    public void succeeded(String rule, Shard shard, long nanos) {
        breaker(rule, shard.name()).onSuccess(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(String rule, Shard shard, long nanos, Throwable failure) {
        breaker(rule, shard.name()).onError(nanos, TimeUnit.NANOSECONDS, failure);
    }

    @Override
    public void abandoned(String rule, Shard shard) {
        breaker(rule, shard.name()).releasePermission();
    }

    @Override
    public CircuitBreaker.@Nullable State state(String rule, String shard) {
        return breaker(rule, shard).getState();
    }

    private CircuitBreaker breaker(String rule, String shard) {
        Map<String, CircuitBreaker> ofRule = breakers.get(rule);
        if (ofRule == null) {
            ofRule = breakers.computeIfAbsent(rule, r -> new ConcurrentHashMap<>());
        }
        CircuitBreaker breaker = ofRule.get(shard);
        return breaker != null ? breaker
                : ofRule.computeIfAbsent(shard, s -> registry.circuitBreaker(ShardAdmission.name(rule, s)));
    }
}
