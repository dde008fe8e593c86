package io.shardkit.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.UnknownRuleException;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.spring.boot.autoconfigure.ShardkitAopAutoConfiguration;
import io.shardkit.spring.boot.autoconfigure.ShardkitAutoConfiguration;
import io.shardkit.spring.testing.TestShards;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.H2ShardFixtures;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.ReflectionUtils;

/** Compiling routed methods: key resolution, caching, and the errors that fail the start. */
class ShardedRouteCompileTest {

    private final ShardingRules rules = rules();
    private final ShardedMethodInterceptor methods = interceptor(rules);

    record Order(long customerId, String note) {
    }

    /** A JavaBean with a boolean property, to check {@code isX()} getters. */
    public static class Flagged {
        public boolean isVip() {
            return true;
        }

        public long getCustomerId() {
            return 7;
        }
    }

    static class Repository {
        @Sharded(rule = "orders", key = "#order.customerId")
        public void spel(Order order) {
        }

        @Sharded(rule = "orders", key = "#a1 + 1")
        public void positional(String ignored, long customerId) {
        }

        @Sharded(rule = "orders")
        public void whole(@ShardKey long customerId) {
        }

        @Sharded(rule = "orders")
        public void path(@ShardKey("customerId") Order order) {
        }

        @Sharded(rule = "orders")
        public void bean(@ShardKey("customerId") Flagged flagged) {
        }

        @Sharded(rule = "orders")
        public void map(@ShardKey("customer.id") Map<String, Object> order) {
        }

        @Sharded
        public void defaultRule(@ShardKey long customerId) {
        }

        @Sharded(rule = "nope")
        public void unknownRule(@ShardKey long customerId) {
        }

        @Sharded(rule = "orders")
        public void noKey(long customerId) {
        }

        @Sharded(rule = "orders")
        public void twoKeys(@ShardKey long a, @ShardKey long b) {
        }

        @Sharded(rule = "orders")
        public void misspelt(@ShardKey("customerID") Order order) {
        }

        @Sharded(rule = "orders", key = "#order.(")
        public void unparsable(Order order) {
        }
    }

    static class MisnamedRule {
        @Sharded(rule = "order")
        public void find(@ShardKey long customerId) {
        }
    }

    @Test
    void keysResolveFromSpelPositionsWholeArgumentsPathsBeansAndMaps() {
        assertThat(key("spel", new Order(42, "x"))).isEqualTo(42L);
        assertThat(key("positional", "x", 41L)).isEqualTo(42L);
        assertThat(key("whole", 42L)).isEqualTo(42L);
        assertThat(key("path", new Order(42, "x"))).isEqualTo(42L);
        assertThat(key("bean", new Flagged())).isEqualTo(7L);
        assertThat(key("map", Map.of("customer", Map.of("id", 42L)))).isEqualTo(42L);
        assertThat(key("map", Map.of("other", 1))).as("a missing entry is a null key").isNull();
    }

    @Test
    void aWholeArgumentKeyExposesItsParameterIndexForScatterGather() {
        assertThat(compile("whole").keyResolver().parameterIndex()).isZero();
        assertThat(compile("path").keyResolver().parameterIndex()).isEqualTo(-1);
        assertThat(compile("spel").keyResolver().parameterIndex()).isEqualTo(-1);
    }

    @Test
    void eachMethodIsCompiledOnce() {
        assertThat(compile("spel")).isSameAs(compile("spel"));
        assertThat(compile("defaultRule").rule().name()).isEqualTo("orders");
        assertThat(compile("spel").where()).isEqualTo("Repository.spel(Order)");
    }

    @Test
    void theKeyMapsThroughTheRule() {
        ShardedRoute method = compile("whole");
        for (long key = 0; key < 100; key++) {
            Shard shard = method.shardOf(method.key(new Object[] {key}));
            assertThat(shard).isEqualTo(rules.rule("orders").shardOf(key));
        }
    }

    @Test
    void compileErrorsNameTheMethodRuleAndExpression() {
        assertThatThrownBy(() -> compile("unknownRule")).isInstanceOf(UnknownRuleException.class)
                .hasMessageContaining("'nope'").hasMessageContaining("Repository.unknownRule(long)")
                .hasMessageContaining("[orders]");
        assertThatThrownBy(() -> compile("noKey")).isInstanceOf(ShardKeyResolutionException.class)
                .hasMessageContaining("Repository.noKey(long)").hasMessageContaining("annotate one parameter");
        assertThatThrownBy(() -> compile("twoKeys")).isInstanceOf(ShardKeyResolutionException.class)
                .hasMessageContaining("more than one parameter");
        assertThatThrownBy(() -> compile("misspelt")).isInstanceOf(ShardKeyResolutionException.class)
                .hasMessageContaining("[customerID]").hasMessageContaining("has no property 'customerID'");
        assertThatThrownBy(() -> compile("unparsable")).isInstanceOf(ShardKeyResolutionException.class)
                .hasMessageContaining("[#order.(]").hasMessageContaining("does not parse");
        ShardedMethodInterceptor noDefault = interceptor(ShardingRules.of(rules.all(), null));
        assertThatThrownBy(() -> noDefault.compiled(method("defaultRule"), Repository.class))
                .isInstanceOf(UnknownRuleException.class).hasMessage("Repository.defaultRule(long) names no rule and "
                        + "shardkit.default-rule is not set; name one of [orders] or set a default rule");
    }

    @Test
    void aBadAnnotationFailsTheApplicationsStart() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ShardkitAutoConfiguration.class,
                        ShardkitAopAutoConfiguration.class))
                .withPropertyValues(TestShards.withOrdersRule("aop-start"))
                .withBean(MisnamedRule.class)
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(UnknownRuleException.class)
                        .hasMessageContaining("Unknown sharding rule 'order' (named by MisnamedRule.find(long))"));
    }

    private Object key(String name, Object... args) {
        return compile(name).key(args);
    }

    private ShardedRoute compile(String name) {
        return methods.compiled(method(name), Repository.class);
    }

    private static ShardedMethodInterceptor interceptor(ShardingRules rules) {
        return new ShardedMethodInterceptor(new MethodRouting(() -> rules), () -> ShardingMetrics.NOOP,
                DriverManagerDataSource::new, ShardedMethodInterceptor.DEFAULT_ORDER);
    }

    private static Method method(String name) {
        for (Method m : ReflectionUtils.getDeclaredMethods(Repository.class)) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static ShardingRules rules() {
        List<Shard> shards = H2ShardFixtures.shards("shard-", 4);
        return ShardingRules.of(List.of(new ShardingRule("orders", shards, ShardingStrategies.hash(4))), "orders");
    }
}
