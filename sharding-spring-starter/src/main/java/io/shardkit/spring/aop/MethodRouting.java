package io.shardkit.spring.aop;

import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.UnknownRuleException;
import io.shardkit.annotation.ShardKey;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What routing an annotated method needs, shared by the {@code @Sharded} route and the {@code @ScatterGather} /
 * {@code @Broadcast} fan-out plans: the rule it names (or the default rule), and where its key comes from (a SpEL
 * expression, checked against the parameter types, or the one {@link ShardKey} parameter with its optional
 * property path). Everything fails at compile time (start-up) with a typed exception naming the method.
 *
 * <p>The rules are looked up lazily, on the first compile, so that creating the advisors early does not start
 * the shard pools. Thread-safe; holds no per-method state.
 */
public final class MethodRouting {

    private final Supplier<ShardingRules> rules;

    public MethodRouting(Supplier<ShardingRules> rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The rule named {@code name}, or the default rule when it is empty.
     *
     * @throws UnknownRuleException naming the method when there is no such rule, or no default rule
     */
    public ShardingRule rule(AdvisedMethod method, String name) {
        ShardingRules all = rules.get();
        if (name.isEmpty()) {
            return all.defaultRule().orElseThrow(() -> UnknownRuleException.noDefault(all.names(), method.where()));
        }
        if (!all.names().contains(name)) {
            throw UnknownRuleException.namedBy(name, all.names(), method.where());
        }
        return all.rule(name);
    }

    /**
     * The index of the method's one {@code @ShardKey} parameter, or {@code -1} when it has none.
     *
     * @throws ShardKeyResolutionException when several parameters are annotated
     */
    public int keyParameter(AdvisedMethod method, ShardingRule rule) {
        int index = shardKeyIndex(method.specific(), rule, method);
        return index >= 0 || method.declared() == method.specific() ? index
                : shardKeyIndex(method.declared(), rule, method);
    }

    /** The {@code @ShardKey} of parameter {@code index}, on the specific or the declared method. */
    public ShardKey shardKey(AdvisedMethod method, int index) {
        ShardKey key = method.specific().getParameters()[index].getAnnotation(ShardKey.class);
        return key != null ? key
                : Objects.requireNonNull(method.declared().getParameters()[index].getAnnotation(ShardKey.class));
    }

    /**
     * The key resolver of a routed method: the SpEL {@code expression} when it is not empty (its variables and
     * property paths checked against the parameter types), else the one {@code @ShardKey} parameter.
     *
     * @throws ShardKeyResolutionException when the expression does not parse or names what does not exist, or
     *                                     there is not exactly one {@code @ShardKey} parameter
     */
    ShardKeyResolver keyResolver(AdvisedMethod method, String expression, ShardingRule rule) {
        if (!expression.isEmpty()) {
            return SpelShardKeyResolver.compile(expression, method, rule.name());
        }
        int index = keyParameter(method, rule);
        if (index < 0) {
            throw ShardKeyResolutionException.noKey(rule.name(), method.where());
        }
        String name = method.parameterNames()[index];
        ShardKey shardKey = shardKey(method, index);
        if (shardKey.value().isEmpty()) {
            return new ParameterShardKeyResolver(index, null, "@ShardKey " + name);
        }
        PropertyPath path = new PropertyPath(shardKey.value(), rule.name(), method.where());
        path.checkAgainst(method.specific().getParameterTypes()[index]);
        return new ParameterShardKeyResolver(index, path, "@ShardKey(\"" + shardKey.value() + "\") " + name);
    }

    private static int shardKeyIndex(Method method, ShardingRule rule, AdvisedMethod where) {
        int found = -1;
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            if (shardKey(annotations[i]) != null) {
                if (found >= 0) {
                    throw ShardKeyResolutionException.severalKeys(rule.name(), where.where());
                }
                found = i;
            }
        }
        return found;
    }

    private static @Nullable ShardKey shardKey(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof ShardKey key) {
                return key;
            }
        }
        return null;
    }
}
