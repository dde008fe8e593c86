package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.scatter.FailurePolicy;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.spring.aop.fanout.BroadcastAdvisor;
import io.shardkit.spring.aop.fanout.ScatterGatherAdvisor;
import io.shardkit.spring.boot.autoconfigure.ShardkitScatterGatherAutoConfiguration.BreakerGauges;
import io.shardkit.spring.testing.TestShards;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scatter-gather auto-configuration: the executor from {@code shardkit.scatter-gather.*}, closed with the
 * context and backing off for the application's own; property mistakes and fan-out methods the advice cannot
 * serve fail the start, naming the property or the method.
 */
class ShardkitScatterGatherAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitAopAutoConfiguration.class, ShardkitScatterGatherAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("scatter-autoconfig"));

    @Test
    void theExecutorFollowsThePropertiesAndIsClosedWithTheContext() {
        runner.withPropertyValues("shardkit.scatter-gather.timeout=3s", "shardkit.scatter-gather.shard-timeout=1s",
                "shardkit.scatter-gather.failure-policy=partial").run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(ScatterGatherAdvisor.class)
                            .hasSingleBean(BroadcastAdvisor.class);
                    ScatterGatherExecutor executor = context.getBean(ScatterGatherExecutor.class);
                    assertThat(executor.deadline()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(executor.shardTimeout()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(executor.failurePolicy()).isEqualTo(FailurePolicy.PARTIAL);
                    assertThat(executor.breakerState("orders", "shard-0")).as("breakers are off by default")
                            .isEmpty();
                    ShardingRule orders = context.getBean(ShardingRules.class).rule("orders");
                    assertThat(executor.onEveryShard(orders, req -> 1L, Merges.sumLong()).value()).isEqualTo(4);
                    context.close();
                    ScatterResult<Long> afterClose = executor.onEveryShard(orders, req -> 1L, Merges.sumLong());
                    assertThat(afterClose.failures()).as("its pool is shut down").hasSize(4)
                            .allSatisfy(f -> assertThat(f.cause()).isInstanceOf(ScatterGatherException.class)
                                    .hasMessageContaining("rejected"));
                });
    }

    @Test
    void theTimeoutDefaultsToTwoSecondsForTheWholeCallAndEachShard() {
        runner.run(context -> {
            ScatterGatherExecutor executor = context.getBean(ScatterGatherExecutor.class);
            assertThat(executor.deadline()).isEqualTo(ScatterGatherProperties.DEFAULT_TIMEOUT);
            assertThat(executor.shardTimeout()).isEqualTo(ScatterGatherProperties.DEFAULT_TIMEOUT);
            assertThat(executor.failurePolicy()).isEqualTo(FailurePolicy.FAIL_FAST);
            assertThat(executor.inlineBelow()).isEqualTo(ScatterGatherExecutor.DEFAULT_INLINE_BELOW);
        });
    }

    @Test
    void inlineRunsOfFastCallsAreConfiguredAndZeroTurnsThemOff() {
        runner.withPropertyValues("shardkit.scatter-gather.inline-below=0").run(context -> assertThat(
                context.getBean(ScatterGatherExecutor.class).inlineBelow()).isZero());
        ScatterGatherProperties properties = new ScatterGatherProperties();
        properties.setInlineBelow(Duration.ofNanos(-1));
        assertThatThrownBy(() -> ScatterGatherExecutorFactory.create(properties, ShardingMetrics.NOOP, null))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("'shardkit.scatter-gather.inline-below'");
    }

    @Test
    void anExecutorOfTheApplicationsOwnIsUsed() {
        runner.withUserConfiguration(OwnExecutor.class).run(context -> assertThat(context)
                .getBean(ScatterGatherExecutor.class).isSameAs(OwnExecutor.EXECUTOR));
    }

    @Test
    void propertyMistakesFailTheStartNamingTheProperty() {
        runner.withPropertyValues("shardkit.scatter-gather.parallelism=0").run(context -> assertThat(
                startupFailure(context)).hasMessageContaining("'shardkit.scatter-gather.parallelism'")
                .hasMessageContaining("must be >= 1 but was 0"));
        runner.withPropertyValues("shardkit.scatter-gather.circuit-breaker.enabled=true",
                "shardkit.scatter-gather.circuit-breaker.failure-rate-threshold=150").run(context -> assertThat(
                        startupFailure(context)).hasMessageContaining("'shardkit.scatter-gather.circuit-breaker'"));
    }

    @Test
    void anUnsupportedReturnTypeFailsTheStartNamingTheMethod() {
        runner.withUserConfiguration(BadReturnConfiguration.class).run(context -> assertThat(startupFailure(context))
                .hasMessageContaining("BadReturn.name()")
                .hasMessageContaining("cannot merge the return type [java.lang.String]"));
    }

    @Test
    void aKeyThatIsNotACollectionOrAnOrderOnANumberFailsTheStart() {
        runner.withUserConfiguration(ScalarKeyConfiguration.class).run(context -> assertThat(startupFailure(context))
                .hasMessageContaining("ScalarKey.find(long)").hasMessageContaining("List, Set or Collection"));
        runner.withUserConfiguration(OrderedNumberConfiguration.class).run(context -> assertThat(
                startupFailure(context)).hasMessageContaining("OrderedNumber.count()")
                .hasMessageContaining("needs a List or Collection return type"));
        runner.withUserConfiguration(BothConfiguration.class).run(context -> assertThat(startupFailure(context))
                .hasMessageContaining("Both.count()").hasMessageContaining("both @ScatterGather and @Sharded"));
    }

    private static ShardingConfigurationException startupFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof ShardingConfigurationException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("a ShardingConfigurationException in the chain of %s", context.getStartupFailure())
                .isNotNull();
        return (ShardingConfigurationException) failure;
    }

    @Test
    void theGaugeCodesFollowTheBreakerStates() {
        assertThat(BreakerGauges.code(Optional.of(CircuitBreaker.State.OPEN))).isEqualTo(1);
        assertThat(BreakerGauges.code(Optional.of(CircuitBreaker.State.HALF_OPEN))).isEqualTo(2);
        assertThat(BreakerGauges.code(Optional.of(CircuitBreaker.State.CLOSED))).isZero();
        assertThat(BreakerGauges.code(Optional.empty())).isZero();
    }

    @Test
    void aZeroTimeoutIsRefusedNamingTheProperty() {
        ScatterGatherProperties properties = new ScatterGatherProperties();
        properties.setShardTimeout(Duration.ZERO);
        assertThatThrownBy(() -> ScatterGatherExecutorFactory.create(properties, ShardingMetrics.NOOP, null))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageContaining("'shardkit.scatter-gather.shard-timeout'");
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnExecutor {
        static final ScatterGatherExecutor EXECUTOR = ScatterGatherExecutor.ofDefaults();

        @Bean
        ScatterGatherExecutor ownExecutor() {
            return EXECUTOR;
        }
    }

    public static class BadReturn {
        @ScatterGather(rule = "orders")
        public String name() {
            return "x";
        }
    }

    public static class ScalarKey {
        @ScatterGather(rule = "orders")
        public List<Long> find(@ShardKey long id) {
            return List.of(id);
        }
    }

    public static class OrderedNumber {
        @ScatterGather(rule = "orders", orderBy = NaturalOrder.class)
        public long count() {
            return 1;
        }
    }

    public static class Both {
        @ScatterGather(rule = "orders")
        @Sharded(rule = "orders", key = "1")
        public long count() {
            return 1;
        }
    }

    public static final class NaturalOrder implements Comparator<Long> {
        @Override
        public int compare(Long a, Long b) {
            return a.compareTo(b);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadReturnConfiguration {
        @Bean
        BadReturn badReturn() {
            return new BadReturn();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ScalarKeyConfiguration {
        @Bean
        ScalarKey scalarKey() {
            return new ScalarKey();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedNumberConfiguration {
        @Bean
        OrderedNumber orderedNumber() {
            return new OrderedNumber();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BothConfiguration {
        @Bean
        Both both() {
            return new Both();
        }
    }
}
