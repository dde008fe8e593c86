package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardingException;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.spring.boot.autoconfigure.ShardkitAopAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitScatterGatherAutoConfiguration;
import io.shardkit.spring.testing.TestShards;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every annotated method of every bean is compiled when the context starts, including SpEL property paths against
 * the parameter types: each bad input fails the start naming the bean, the method, the expression and the
 * nearest existing property, with the typed failure as the cause.
 */
class AnnotatedMethodsCheckTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                    ShardkitAopAutoConfiguration.class, ShardkitScatterGatherAutoConfiguration.class))
            .withPropertyValues(TestShards.withOrdersRule("annotations-check"));

    record Customer(long id, String name) {
    }

    record Order(long customerId, Customer customer) {
    }

    /** The first method is fine, so the proxy is made; only the second one is misspelt. */
    static class MisspeltSpel {
        @Sharded(key = "#o.customerId")
        public void fine(Order o) {
        }

        @Sharded(key = "#o.custmerId")
        public void save(Order o) {
        }
    }

    static class MisspeltNested {
        @Sharded(key = "#o.customer.nmae")
        public void save(Order o) {
        }
    }

    static class UnknownVariable {
        @Sharded(key = "#ordr.customerId")
        public void save(Order o) {
        }
    }

    static class MisspeltPath {
        @Sharded
        public void save(@ShardKey("customer.idd") Order o) {
        }
    }

    static class BadFanOut {
        @Sharded
        public void fine(@ShardKey long customerId) {
        }

        @ScatterGather
        public String name() {
            return "";
        }
    }

    static class Fine {
        @Sharded(key = "#o.customer.id + #p0.customerId")
        public void save(Order o) {
        }

        @Sharded(key = "#map['id']")
        public void byMap(Map<String, Long> map) {
        }
    }

    @Test
    void aMisspeltSpelPropertyOfARecordFailsTheStartNamingTheNearestProperty() {
        assertStartFails(MisspeltSpel.class, "misspeltSpel", "Rule 'orders': could not resolve the shard key "
                + "[#o.custmerId] of MisspeltSpel.save(Order): [" + Order.class.getName() + "] has no property "
                + "'custmerId' (looked for a record component, a getter, a field, a no-argument method and a Map "
                + "entry); the nearest is 'customerId'");
    }

    @Test
    void aMisspeltNestedPropertyFailsTheStart() {
        assertStartFails(MisspeltNested.class, "misspeltNested", "Rule 'orders': could not resolve the shard key "
                + "[#o.customer.nmae] of MisspeltNested.save(Order): [" + Customer.class.getName() + "] has no "
                + "property 'nmae' (looked for a record component, a getter, a field, a no-argument method and a "
                + "Map entry); the nearest is 'name'");
    }

    @Test
    void aVariableThatIsNoParameterFailsTheStart() {
        assertStartFails(UnknownVariable.class, "unknownVariable", "Rule 'orders': could not resolve the shard key "
                + "[#ordr.customerId] of UnknownVariable.save(Order): #ordr is no parameter; the parameters are "
                + "[o] (also #p0 / #a0 by position)");
    }

    @Test
    void aMisspeltShardKeyPathFailsTheStartAtAnyDepth() {
        assertStartFails(MisspeltPath.class, "misspeltPath", "Rule 'orders': could not resolve the shard key "
                + "[customer.idd] of MisspeltPath.save(Order): [" + Customer.class.getName() + "] has no property "
                + "'idd' (looked for a record component, a getter, a field, a no-argument method and a Map entry); "
                + "the nearest is 'id'");
    }

    @Test
    void anUnsupportedFanOutMethodBesideAFineOneFailsTheStart() {
        runner.withBean("badFanOut", BadFanOut.class).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().isInstanceOf(InvalidAnnotationException.class)
                .hasMessageStartingWith("BadFanOut.name(): @ScatterGather cannot merge the return type "
                        + "[java.lang.String]; supported: "));
    }

    @Test
    void aLazyBeanIsCheckedWithoutBeingCreated() {
        runner.withBean("lazy", MisspeltNested.class, MisspeltNested::new, definition -> definition.setLazyInit(true))
                .run(context -> startFailure(assertThat(context).hasFailed().getFailure(), "lazy",
                        MisspeltNested.class).hasMessageContaining("[#o.customer.nmae]"));
    }

    @Test
    void expressionsOverKnownPropertiesMapsAndPositionsStart() {
        runner.withBean(Fine.class).run(context -> assertThat(context).hasNotFailed());
    }

    private void assertStartFails(Class<?> bean, String name, String message) {
        runner.withBean(name, bean).run(context -> {
            Throwable failure = context.getStartupFailure();
            assertThat(failure).as("the start fails").isNotNull();
            startFailure(assertThat(failure), name, bean);
            assertThat(rootShardingFailure(failure)).isInstanceOf(ShardKeyResolutionException.class)
                    .hasMessage(message);
        });
    }

    /** The failure names the bean: Spring's (made while proxying) or shardkit's start-up check's. */
    private static AbstractThrowableAssert<?, ? extends Throwable> startFailure(
            AbstractThrowableAssert<?, ? extends Throwable> failure, String name, Class<?> type) {
        return failure.satisfiesAnyOf(
                f -> assertThat(f).hasMessageContaining("Error creating bean with name '" + name + "'"),
                f -> assertThat(f).hasMessageContaining("Bean '" + name + "' (" + type.getName() + "): "));
    }

    private static Throwable rootShardingFailure(Throwable failure) {
        Throwable found = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShardingException && !(t instanceof InvalidAnnotationException)) {
                found = t;
            }
        }
        return found;
    }
}
