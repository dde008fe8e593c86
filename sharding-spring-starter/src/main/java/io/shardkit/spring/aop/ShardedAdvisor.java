package io.shardkit.spring.aop;

import java.util.Objects;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;

/**
 * The advisor that applies {@link ShardedMethodInterceptor} to {@code @Sharded} methods and classes, in the
 * interceptor's order. Declared by the starter's AOP auto-configuration as an infrastructure bean, so any
 * auto-proxy creator (Spring's own, or Boot's AspectJ-aware one) picks it up.
 *
 * <p>Thread-safe.
 */
public final class ShardedAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient ShardedMethodInterceptor interceptor;
    private final transient Pointcut pointcut;

    public ShardedAdvisor(ShardedMethods methods, ShardedMethodInterceptor interceptor) {
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
        this.pointcut = new ShardedPointcut(Objects.requireNonNull(methods, "methods"));
        setOrder(interceptor.getOrder());
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return interceptor;
    }
}
