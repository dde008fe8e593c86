package io.shardkit.spring.aop;

import io.shardkit.annotation.ScatterGather;
import java.util.Objects;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;

/**
 * Applies {@link ScatterGatherInterceptor} to {@code @ScatterGather} methods, in the interceptor's order (outside
 * the transaction interceptor). Each matched method is compiled while its proxy is made, so an unsupported return
 * type fails the start naming the method.
 *
 * <p>Thread-safe.
 */
public final class ScatterGatherAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient ScatterGatherInterceptor interceptor;
    private final transient Pointcut pointcut;

    public ScatterGatherAdvisor(FanOutMethods methods, ScatterGatherInterceptor interceptor) {
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
        Objects.requireNonNull(methods, "methods");
        this.pointcut = new FanOutPointcut(ScatterGather.class, methods::scatterGather);
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
