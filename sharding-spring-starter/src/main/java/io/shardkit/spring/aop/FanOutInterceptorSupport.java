package io.shardkit.spring.aop;

import io.shardkit.scatter.ScatterGatherExecutor;
import java.util.Objects;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.Ordered;

/**
 * What the fan-out interceptors share: the compiled methods, the executor (looked up on first use) and the order.
 *
 * <p>Thread-safe.
 */
abstract class FanOutInterceptorSupport implements MethodInterceptor, Ordered {

    private final FanOutMethods methods;
    private final Supplier<ScatterGatherExecutor> executor;
    private final int order;

    FanOutInterceptorSupport(FanOutMethods methods, Supplier<ScatterGatherExecutor> executor, int order) {
        this.methods = Objects.requireNonNull(methods, "methods");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.order = order;
    }

    final FanOutMethods methods() {
        return methods;
    }

    final ScatterGatherExecutor executor() {
        return executor.get();
    }

    /** The class of the invocation's target, for the method cache; {@code null} without a target. */
    static @Nullable Class<?> targetClass(MethodInvocation invocation) {
        Object target = invocation.getThis();
        return target == null ? null : AopUtils.getTargetClass(target);
    }

    @Override
    public final int getOrder() {
        return order;
    }
}
