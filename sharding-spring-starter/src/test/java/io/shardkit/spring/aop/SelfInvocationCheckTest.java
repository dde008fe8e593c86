package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.annotation.Broadcast;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.spring.boot.autoconfigure.ShardkitAopAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitFailureAnalyzer;
import io.shardkit.spring.boot.autoconfigure.ShardkitScatterGatherAutoConfiguration;
import io.shardkit.spring.testing.TestShards;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bean calling its own shardkit-annotated method on {@code this} bypasses the proxy, so the annotation never
 * runs: the start fails naming caller, callee and the fix, whether the caller is annotated itself or not, also from
 * a lambda and from a subclass; calls through another bean, a provider of the bean itself or another instance
 * start; {@code shardkit.self-invocation=warn} starts and logs each call, {@code off} does not look.
 */
@ExtendWith(OutputCaptureExtension.class)
class SelfInvocationCheckTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitAopAutoConfiguration.class, ShardkitScatterGatherAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("self-invocation"));

    /** Customer A's call writes customer B's row on A's shard: the inner annotation never runs. */
    static class AnnotatedCallsAnnotated {
        @Sharded
        public void placeForBoth(@ShardKey long customerA, long customerB) {
            insert(customerB);
        }

        @Sharded
        public void insert(@ShardKey long customerId) {
        }
    }

    /** No shard is bound at all when the outer method is not annotated. */
    static class PlainCallsAnnotated {
        public void placeTwo(long first, double weight, long second) {
            this.insert(first, weight);
            insert(second, weight);
        }

        @Sharded
        public void insert(@ShardKey long customerId, double weight) {
        }
    }

    static class LambdaCallsAnnotated {
        public void placeAll(List<Long> customers) {
            customers.forEach(id -> insert(id));
        }

        @Sharded
        public void insert(@ShardKey long customerId) {
        }
    }

    static class FanOutBase {
        @ScatterGather
        public long countAll() {
            return 0;
        }

        @Broadcast
        public void refresh() {
        }
    }

    static class SubclassCallsInherited extends FanOutBase {
        public long refreshAndCount() {
            refresh();
            return countAll();
        }
    }

    static class Repository {
        @Sharded
        public void insert(@ShardKey long customerId) {
        }
    }

    /** The usual fix: the annotated method on another bean. */
    static class ServiceOverRepository {
        private final Repository repository;

        ServiceOverRepository(Repository repository) {
            this.repository = repository;
        }

        public void placeTwo(long first, long second) {
            repository.insert(first);
            repository.insert(second);
        }
    }

    /** The other fix: the bean calls itself through its proxy. */
    static class CallsThroughItsProxy {
        private final ObjectProvider<CallsThroughItsProxy> self;

        CallsThroughItsProxy(ObjectProvider<CallsThroughItsProxy> self) {
            this.self = self;
        }

        public void placeTwo(long first, long second) {
            self.getObject().insert(first);
            self.getObject().insert(second);
        }

        @Sharded
        public void insert(@ShardKey long customerId) {
        }

        /** Another instance of the same class is not this; nor is an argument of a static method. */
        public void copyTo(CallsThroughItsProxy other, long customerId) {
            other.insert(customerId);
            relay(this, customerId);
        }

        static void relay(CallsThroughItsProxy target, long customerId) {
            target.insert(customerId);
        }
    }

    @Test
    void anAnnotatedMethodCallingAnotherOnThisFailsTheStartNamingCallerCalleeAndTheFix() {
        runner.withBean("orders", AnnotatedCallsAnnotated.class).run(context -> {
            SelfInvocationException failure = failure(context.getStartupFailure());
            assertThat(failure.getCaller()).isEqualTo("AnnotatedCallsAnnotated.placeForBoth(long, long)");
            assertThat(failure.getCallee()).isEqualTo("AnnotatedCallsAnnotated.insert(long)");
            assertThat(failure).hasMessage("Bean 'orders' (" + AnnotatedCallsAnnotated.class.getName() + ") calls "
                    + "its own shardkit-annotated method on this, past the proxy, so the annotation does not run and "
                    + "the call stays on the caller's shard: AnnotatedCallsAnnotated.placeForBoth(long, long) calls "
                    + "AnnotatedCallsAnnotated.insert(long) on this");
            assertThat(failure.getAction()).isEqualTo("Call AnnotatedCallsAnnotated.insert(long) through the "
                    + "proxy: inject the bean into itself (a constructor parameter @Lazy AnnotatedCallsAnnotated "
                    + "self, or ObjectProvider<AnnotatedCallsAnnotated>) and call self.insert(...); or move "
                    + "AnnotatedCallsAnnotated.insert(long) to another bean. To start anyway and only log these "
                    + "calls, set shardkit.self-invocation=warn.");
            FailureAnalysis analysis = new ShardkitFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("AnnotatedCallsAnnotated.placeForBoth(long, long) calls "
                    + "AnnotatedCallsAnnotated.insert(long) on this");
            assertThat(analysis.getAction()).contains("shardkit.self-invocation=warn", "ObjectProvider<");
        });
    }

    @Test
    void aPlainMethodCallingAnAnnotatedOneOnThisFailsTheStartForEveryCall() {
        runner.withBean("plain", PlainCallsAnnotated.class).run(context -> {
            SelfInvocationException failure = failure(context.getStartupFailure());
            assertThat(failure.getCaller()).isEqualTo("PlainCallsAnnotated.placeTwo(long, double, long)");
            assertThat(failure.getCallee()).isEqualTo("PlainCallsAnnotated.insert(long, double)");
            assertThat(failure).hasMessageEndingWith("the call stays on the caller's shard: "
                    + "PlainCallsAnnotated.placeTwo(long, double, long) calls PlainCallsAnnotated.insert(long, double) "
                    + "on this; PlainCallsAnnotated.placeTwo(long, double, long) calls "
                    + "PlainCallsAnnotated.insert(long, double) on this");
        });
    }

    @Test
    void aLambdaCallingAnAnnotatedMethodOnThisFailsTheStartNamingTheMethodItIsWrittenIn() {
        runner.withBean("lambda", LambdaCallsAnnotated.class).run(context -> assertThat(
                failure(context.getStartupFailure()).getCaller())
                .isEqualTo("LambdaCallsAnnotated.placeAll(...) in a lambda"));
    }

    @Test
    void aSubclassCallingInheritedFanOutMethodsOnThisFailsTheStart() {
        runner.withBean("sub", SubclassCallsInherited.class).run(context -> assertThat(
                failure(context.getStartupFailure())).hasMessageEndingWith(
                "SubclassCallsInherited.refreshAndCount() calls FanOutBase.refresh() on this; "
                        + "SubclassCallsInherited.refreshAndCount() calls FanOutBase.countAll() on this"));
    }

    @Test
    void callsThroughAnotherBeanTheBeansOwnProxyOrAnotherInstanceStart() {
        runner.withBean(Repository.class).withBean(ServiceOverRepository.class).withBean(CallsThroughItsProxy.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void warnModeStartsAndLogsEachCall(CapturedOutput output) {
        runner.withPropertyValues("shardkit.self-invocation=warn").withBean("plain", PlainCallsAnnotated.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).contains("shardkit: bean 'plain': PlainCallsAnnotated.placeTwo(long, double, "
                            + "long) calls PlainCallsAnnotated.insert(long, double) on this, past the proxy, so its "
                            + "annotation does not run; Call PlainCallsAnnotated.insert(long, double) through the "
                            + "proxy");
                });
    }

    @Test
    void offModeDoesNotLook(CapturedOutput output) {
        runner.withPropertyValues("shardkit.self-invocation=off").withBean("plain", PlainCallsAnnotated.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(output).doesNotContain("past the proxy");
                });
    }

    private static SelfInvocationException failure(Throwable startFailure) {
        assertThat(startFailure).as("the start fails").isNotNull();
        for (Throwable t = startFailure; t != null; t = t.getCause()) {
            if (t instanceof SelfInvocationException found) {
                return found;
            }
        }
        throw new AssertionError("no SelfInvocationException in " + startFailure);
    }
}
