package io.shardkit.spring.aop;

import io.shardkit.ShardingException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.MethodMatcher;
import org.springframework.aop.framework.AopProxyUtils;
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
 * <p>Runs once, on the thread refreshing the context.
 */
public final class AnnotatedMethodsCheck implements SmartInitializingSingleton, BeanFactoryAware {

    private final ObjectProvider<ShardkitAdvisor> advisors;
    private @Nullable ConfigurableListableBeanFactory beanFactory;

    public AnnotatedMethodsCheck(ObjectProvider<ShardkitAdvisor> advisors) {
        this.advisors = Objects.requireNonNull(advisors, "advisors");
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

    private static void check(String name, Class<?> type, List<MethodMatcher> matchers) {
        Method[] methods;
        try {
            methods = ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS);
        } catch (LinkageError ex) {
            return; // a class whose optional dependencies are absent: nothing of it can be called either
        }
        for (Method method : methods) {
            for (MethodMatcher matcher : matchers) {
                try {
                    matcher.matches(method, type);
                } catch (ShardingException ex) {
                    throw InvalidAnnotationException.inBean(name, type, ex);
                }
            }
        }
    }
}
