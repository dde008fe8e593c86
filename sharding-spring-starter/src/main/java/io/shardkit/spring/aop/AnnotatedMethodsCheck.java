package io.shardkit.spring.aop;

import io.shardkit.ShardingException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.asm.Type;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Compiles every {@code @Sharded}, {@code @ScatterGather} and {@code @Broadcast} method of every bean when the
 * context has created its singletons, through the advisors' own pointcuts: a proxy is made when a bean's first
 * annotated method matches, and its other methods would otherwise compile on their first call. An unknown rule,
 * a key that cannot be resolved (an expression naming no parameter, a misspelt property of a record or final
 * class, with the nearest existing one), an unsupported return type and the like fail the start with an
 * {@link InvalidAnnotationException} naming the bean, the method and the problem, the typed failure as its
 * cause. Lazy and prototype beans are checked by their type, without creating them.
 *
 * <p>Then the bytecode of each bean class with annotated methods is read for calls on {@code this} to them
 * ({@link SelfInvocationScanner}): such a call bypasses the proxy, so its annotation never runs. By default one
 * fails the start ({@link SelfInvocationException}, naming caller, callee and the fix); {@link SelfInvocationMode#WARN}
 * logs each and starts, {@link SelfInvocationMode#OFF} does not look.
 *
 * <p>Runs once, on the thread refreshing the context.
 */
public final class AnnotatedMethodsCheck implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Logger log = LoggerFactory.getLogger(AnnotatedMethodsCheck.class);

    private final ObjectProvider<ShardkitAdvisor> advisors;
    private final SelfInvocationMode selfInvocation;
    private @Nullable ConfigurableListableBeanFactory beanFactory;

    /** Checks annotated methods and fails the start on calls on {@code this} to them. */
    public AnnotatedMethodsCheck(ObjectProvider<ShardkitAdvisor> advisors) {
        this(advisors, SelfInvocationMode.FAIL);
    }

    /** @param selfInvocation what to do about a bean calling its own annotated method on {@code this} */
    public AnnotatedMethodsCheck(ObjectProvider<ShardkitAdvisor> advisors, SelfInvocationMode selfInvocation) {
        this.advisors = Objects.requireNonNull(advisors, "advisors");
        this.selfInvocation = Objects.requireNonNull(selfInvocation, "selfInvocation");
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        this.beanFactory = beanFactory instanceof ConfigurableListableBeanFactory listable ? listable : null;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ConfigurableListableBeanFactory factory = beanFactory;
        if (factory == null) {
            return;
        }
        List<MethodMatcher> matchers = advisors.orderedStream().map(a -> a.getPointcut().getMethodMatcher())
                .toList();
        for (String name : factory.getBeanDefinitionNames()) {
            Class<?> type = userType(factory, name);
            if (type != null) {
                check(name, type, matchers);
            }
        }
    }

    private static @Nullable Class<?> userType(ConfigurableListableBeanFactory factory, String name) {
        if (factory.getBeanDefinition(name).getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
            return null;
        }
        Object singleton = factory.getSingleton(name);
        Class<?> type = singleton != null ? AopProxyUtils.ultimateTargetClass(singleton)
                : factory.getType(name, false);
        return type == null ? null : ClassUtils.getUserClass(type);
    }

    private void check(String name, Class<?> type, List<MethodMatcher> matchers) {
        Method[] methods;
        try {
            methods = ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS);
        } catch (LinkageError ex) {
            return; // a class whose optional dependencies are absent: nothing of it can be called either
        }
        Map<String, String> advised = new HashMap<>();
        for (Method method : methods) {
            for (MethodMatcher matcher : matchers) {
                try {
                    if (matcher.matches(method, type) && !method.isBridge()) {
                        advised.put(method.getName() + Type.getMethodDescriptor(method), AdvisedMethod.describe(
                                method));
                    }
                } catch (ShardingException ex) {
                    throw InvalidAnnotationException.inBean(name, type, ex);
                }
            }
        }
        if (!advised.isEmpty() && selfInvocation != SelfInvocationMode.OFF) {
            checkSelfInvocation(name, type, advised);
        }
    }

    private void checkSelfInvocation(String name, Class<?> type, Map<String, String> advised) {
        List<SelfInvocationScanner.SelfInvocation> calls = SelfInvocationScanner.scan(type, advised);
        if (calls.isEmpty()) {
            return;
        }
        SelfInvocationException failure = SelfInvocationException.inBean(name, type, calls);
        if (selfInvocation == SelfInvocationMode.FAIL) {
            throw failure;
        }
        for (SelfInvocationScanner.SelfInvocation call : calls) {
            log.warn("shardkit: bean '{}': {}, past the proxy, so its annotation does not run; {}", name,
                    SelfInvocationException.describe(call), failure.getAction());
        }
    }
}
