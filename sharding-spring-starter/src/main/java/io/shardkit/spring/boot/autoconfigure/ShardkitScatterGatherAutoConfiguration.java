package io.shardkit.spring.boot.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.metrics.MeterNames;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.spring.aop.MethodRouting;
import io.shardkit.spring.aop.ShardedMethodInterceptor;
import io.shardkit.spring.aop.fanout.BroadcastAdvisor;
import io.shardkit.spring.aop.fanout.BroadcastInterceptor;
import io.shardkit.spring.aop.fanout.ScatterGatherAdvisor;
import io.shardkit.spring.aop.fanout.ScatterGatherInterceptor;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.util.function.SingletonSupplier;

/**
 * Scatter-gather: the {@link ScatterGatherExecutor} from {@code shardkit.scatter-gather.*} (closed with the
 * context; metrics through the {@link ShardingMetrics} bean; circuit breakers from the application's
 * {@link CircuitBreakerRegistry} bean or {@code shardkit.scatter-gather.circuit-breaker.*}), and the
 * {@code @ScatterGather} and {@code @Broadcast} advisors, ordered like the {@code @Sharded} one, outside the
 * transaction interceptor. With a Micrometer registry and breakers on, a {@value MeterNames#BREAKER_STATE} gauge
 * per rule and shard (0 closed, 1 open, 2 half-open). Every bean backs off when the application declares its own.
 *
 * <p>The advisors look the executor up lazily, on their first call, because advisors are created early.
 */
@AutoConfiguration(after = {ShardkitAutoConfiguration.class, ShardkitMetricsAutoConfiguration.class,
        ShardkitAopAutoConfiguration.class})
@ConditionalOnBean({ShardingRules.class, ShardRoutingDataSource.class, MethodRouting.class})
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public final class ShardkitScatterGatherAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ScatterGatherExecutor scatterGatherExecutor(ShardkitProperties properties,
                                                ObjectProvider<ShardingMetrics> metrics,
                                                ObjectProvider<CircuitBreakerRegistry> breakers) {
        return ScatterGatherExecutorFactory.create(properties.getScatterGather(),
                metrics.getIfAvailable(() -> ShardingMetrics.NOOP), breakers.getIfAvailable());
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static ScatterGatherAdvisor scatterGatherAdvisor(MethodRouting routing,
                                                     ObjectProvider<ScatterGatherExecutor> executor) {
        return new ScatterGatherAdvisor(new ScatterGatherInterceptor(routing,
                SingletonSupplier.of(executor::getObject), ShardedMethodInterceptor.DEFAULT_ORDER));
    }

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    @ConditionalOnMissingBean
    static BroadcastAdvisor broadcastAdvisor(MethodRouting routing, ObjectProvider<ScatterGatherExecutor> executor) {
        return new BroadcastAdvisor(new BroadcastInterceptor(routing, SingletonSupplier.of(executor::getObject),
                ShardedMethodInterceptor.DEFAULT_ORDER));
    }

    /** The breaker state gauges, when Micrometer is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class BreakerGauges {

        /** Registers the gauges once every singleton exists, for the shards whose breakers the executor has. */
        @Bean
        SmartInitializingSingleton shardkitBreakerStateGauges(ScatterGatherExecutor executor, ShardingRules rules,
                                                              MeterRegistry registry) {
            return () -> {
                for (ShardingRule rule : rules.all()) {
                    for (Shard shard : rule.shards()) {
                        register(executor, rule.name(), shard.name(), registry);
                    }
                }
            };
        }

        private static void register(ScatterGatherExecutor executor, String rule, String shard,
                                     MeterRegistry registry) {
            if (executor.breakerState(rule, shard).isEmpty()) {
                return;
            }
            Gauge.builder(MeterNames.BREAKER_STATE, executor, e -> code(e.breakerState(rule, shard)))
                    .tag(MeterNames.TAG_RULE, rule).tag(MeterNames.TAG_SHARD, shard)
                    .description("circuit breaker state: 0 closed, 1 open, 2 half-open")
                    .register(registry);
        }

        static double code(Optional<CircuitBreaker.State> state) {
            return switch (state.orElse(CircuitBreaker.State.CLOSED)) {
                case OPEN, FORCED_OPEN -> 1;
                case HALF_OPEN -> 2;
                default -> 0;
            };
        }
    }
}
