package io.shardkit.spring.aop;

import io.shardkit.ShardKeyResolutionException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.UnknownRuleException;
import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodClassKey;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Compiles and caches what routing a method needs: the rule it names (or the default rule), and its
 * {@link ShardKeyResolver} from a SpEL expression or its {@link ShardKey} parameter. Shared by every shardkit
 * interceptor ({@code @Sharded} here; {@code @ScatterGather} / {@code @Broadcast} reuse {@link #rule} and
 * {@link #keyResolver}).
 *
 * <p>The rules are looked up lazily, on the first compile, so that creating the interceptor early (as advisors
 * are) does not start the shard pools. Thread-safe: the cache is a concurrent map and compiled entries are
 * immutable; compiling the same method twice concurrently yields equal results, one of which is kept.
 */
public final class ShardedMethods {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Supplier<ShardingRules> rules;
    private final Map<MethodClassKey, ShardedMethod> cache = new ConcurrentHashMap<>();

    public ShardedMethods(Supplier<ShardingRules> rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The compiled {@code @Sharded} route of {@code method} called on {@code targetClass}; compiled on first use.
     *
     * @throws ShardingConfigurationException when neither the method nor its class carries {@code @Sharded}
     */
    public ShardedMethod sharded(Method method, @Nullable Class<?> targetClass) {
        MethodClassKey key = new MethodClassKey(method, targetClass);
        ShardedMethod compiled = cache.get(key);
        return compiled != null ? compiled : cache.computeIfAbsent(key, k -> compile(method, targetClass));
    }

    private ShardedMethod compile(Method method, @Nullable Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        Sharded sharded = findSharded(specific, targetClass);
        if (sharded == null) {
            throw new ShardingConfigurationException(describe(specific) + " is not annotated @Sharded");
        }
        String where = describe(specific);
        ShardingRule rule = rule(sharded.rule(), where);
        return new ShardedMethod(rule, keyResolver(specific, method, sharded.key(), rule.name(), where), where);
    }

    /** {@code @Sharded} of the method, else of its class (or the target class); {@code null} when neither. */
    static @Nullable Sharded findSharded(Method specific, @Nullable Class<?> targetClass) {
        Sharded sharded = AnnotatedElementUtils.findMergedAnnotation(specific, Sharded.class);
        if (sharded == null) {
            Class<?> type = targetClass != null ? targetClass : specific.getDeclaringClass();
            sharded = AnnotatedElementUtils.findMergedAnnotation(type, Sharded.class);
        }
        return sharded;
    }

    /**
     * The rule named {@code name}, or the default rule when it is empty.
     *
     * @param where who names it, for the message of {@link UnknownRuleException}
     */
    public ShardingRule rule(String name, String where) {
        ShardingRules all = rules.get();
        if (name.isEmpty()) {
            return all.defaultRule().orElseThrow(() -> new UnknownRuleException("<default>", all.names(),
                    where + ", which names no rule while shardkit.default-rule is not set,"));
        }
        if (!all.names().contains(name)) {
            throw new UnknownRuleException(name, all.names(), where);
        }
        return all.rule(name);
    }

    /**
     * The key resolver of a method: the SpEL {@code keyExpression} when it is not empty, else the one parameter
     * annotated {@link ShardKey} (looked for on {@code specific}, then on {@code declared}, e.g. an interface).
     *
     * @throws ShardKeyResolutionException when the expression does not parse, or there is not exactly one
     *                                     {@code @ShardKey} parameter
     */
    public ShardKeyResolver keyResolver(Method specific, Method declared, String keyExpression, String rule,
                                        String where) {
        if (!keyExpression.isEmpty()) {
            return new SpelShardKeyResolver(keyExpression, parameterNames(specific), rule, where);
        }
        int index = shardKeyIndex(specific, rule, where);
        if (index < 0 && declared != specific) {
            index = shardKeyIndex(declared, rule, where);
        }
        if (index < 0) {
            throw new ShardKeyResolutionException(rule, "", where, "no key: give @Sharded(key = \"#...\") or "
                    + "annotate one parameter @ShardKey", null);
        }
        Parameter parameter = specific.getParameters()[index];
        ShardKey shardKey = annotation(specific, declared, index);
        String name = parameterNames(specific)[index];
        if (shardKey.value().isEmpty()) {
            return new ParameterShardKeyResolver(index, null, "@ShardKey " + name);
        }
        PropertyPath path = new PropertyPath(shardKey.value(), rule, where);
        path.checkAgainst(parameter.getType());
        return new ParameterShardKeyResolver(index, path, "@ShardKey(\"" + shardKey.value() + "\") " + name);
    }

    private static int shardKeyIndex(Method method, String rule, String where) {
        int found = -1;
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            if (has(annotations[i])) {
                if (found >= 0) {
                    throw new ShardKeyResolutionException(rule, "@ShardKey", where, "more than one parameter is "
                            + "annotated @ShardKey; annotate exactly one, or give @Sharded(key = \"#...\")", null);
                }
                found = i;
            }
        }
        return found;
    }

    private static boolean has(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof ShardKey) {
                return true;
            }
        }
        return false;
    }

    private static ShardKey annotation(Method specific, Method declared, int index) {
        ShardKey key = specific.getParameters()[index].getAnnotation(ShardKey.class);
        return key != null ? key
                : Objects.requireNonNull(declared.getParameters()[index].getAnnotation(ShardKey.class));
    }

    /** Parameter names as compiled with {@code -parameters}; {@code arg0}... without it. */
    static String[] parameterNames(Method method) {
        String[] names = NAMES.getParameterNames(method);
        if (names != null) {
            return names;
        }
        String[] fallback = new String[method.getParameterCount()];
        for (int i = 0; i < fallback.length; i++) {
            fallback[i] = "arg" + i;
        }
        return fallback;
    }

    /** The argument index a SpEL variable stands for: a parameter name, or {@code p0} / {@code a0} style. */
    static int variableIndex(String[] names, String variable) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(variable)) {
                return i;
            }
        }
        if (variable.length() > 1 && (variable.charAt(0) == 'p' || variable.charAt(0) == 'a')) {
            try {
                int index = Integer.parseInt(variable, 1, variable.length(), 10);
                return index < names.length ? index : -1;
            } catch (NumberFormatException ex) {
                return -1;
            }
        }
        return -1;
    }

    /** {@code OrderRepository.insert(Order)}: how messages name a method. */
    public static String describe(Method method) {
        StringJoiner params = new StringJoiner(", ", "(", ")");
        for (Class<?> type : method.getParameterTypes()) {
            params.add(type.getSimpleName());
        }
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + params;
    }
}
