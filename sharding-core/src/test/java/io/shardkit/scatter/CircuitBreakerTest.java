package io.shardkit.scatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.metrics.MeterNames;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.testing.H2ShardFixtures;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final ShardingRule rule = H2ShardFixtures.hashRule("orders", 2);
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofMillis(200)).permittedNumberOfCallsInHalfOpenState(1)
            .build());
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final ScatterGatherExecutor executor = ScatterGatherExecutor.builder()
            .failurePolicy(FailurePolicy.PARTIAL).circuitBreakerRegistry(breakers)
            .metrics(new ShardingMetrics() {
                @Override
                public void shardCall(String rule, String shard, long nanos, String outcome) {
                    outcomes.add(shard + " " + outcome);
                }
            }).build();
    private final AtomicBoolean s1Healthy = new AtomicBoolean(false);
    private final AtomicInteger s1Calls = new AtomicInteger();

    @AfterEach
    void close() {
        executor.close();
    }

    private ScatterResult<Long> countAll() {
        return executor.onEveryShard(rule, req -> {
            if (req.shard().index() == 1) {
                s1Calls.incrementAndGet();
                if (!s1Healthy.get()) {
                    throw new IllegalStateException("s1 down");
                }
            }
            return 1L;
        }, Merges.count());
    }

    @Test
    void aFailingShardIsSkippedFastWhileOpenAndRecoversAfterTheWait() {
        countAll();
        countAll();
        assertThat(executor.breakerState("orders", "s1")).contains(CircuitBreaker.State.OPEN);
        assertThat(executor.breakerState("orders", "s0")).contains(CircuitBreaker.State.CLOSED);
        assertThat(breakers.circuitBreaker(ScatterGatherExecutor.breakerName("orders", "s1")).getState())
                .isEqualTo(CircuitBreaker.State.OPEN);

        int callsBefore = s1Calls.get();
        ScatterResult<Long> skipped = countAll();
        assertThat(s1Calls.get()).as("an open breaker keeps the shard from being called").isEqualTo(callsBefore);
        assertThat(skipped.value()).isEqualTo(1L);
        assertThat(skipped.failures()).singleElement().satisfies(f -> {
            assertThat(f.shard().name()).isEqualTo("s1");
            assertThat(f.cause()).isInstanceOf(ShardCircuitOpenException.class)
                    .hasMessageContaining("[orders/s1]").hasMessageContaining("OPEN");
        });
        assertThat(outcomes).contains("s1 " + MeterNames.OUTCOME_REJECTED);

        s1Healthy.set(true);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> countAll().isComplete());
        assertThat(executor.breakerState("orders", "s1")).contains(CircuitBreaker.State.CLOSED);
        assertThat(countAll().value()).isEqualTo(2L);
    }

    @Test
    void underFailFastAnOpenBreakerFailsTheCallBeforeAnyShardRuns() {
        ScatterGatherExecutor failFast = ScatterGatherExecutor.builder().circuitBreakerRegistry(breakers).build();
        try {
            breakers.circuitBreaker(ScatterGatherExecutor.breakerName("orders", "s1")).transitionToOpenState();
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> failFast.onEveryShard(rule, req -> (long) calls.incrementAndGet(), Merges.count()))
                    .isInstanceOf(ScatterGatherException.class)
                    .hasCauseInstanceOf(ShardCircuitOpenException.class)
                    .hasMessageContaining("'s1'");
            assertThat(calls).hasValue(0);
            // s0's permit was handed back, not counted: its breaker has seen no call.
            assertThat(breakers.circuitBreaker(ScatterGatherExecutor.breakerName("orders", "s0")).getMetrics()
                    .getNumberOfBufferedCalls()).isZero();
        } finally {
            failFast.close();
        }
    }
}
