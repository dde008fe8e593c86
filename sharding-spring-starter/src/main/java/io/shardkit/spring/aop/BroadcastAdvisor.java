package io.shardkit.spring.aop;

import io.shardkit.annotation.Broadcast;
import java.util.Objects;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;

/**
 * Applies {@link BroadcastInterceptor} to {@code @Broadcast} methods, in the interceptor's order (outside
 * the transaction interceptor). Each matched method is compiled while its proxy is made, so an unsupported return
 * type fails the start naming the method.
 *
 * <p>Thread-safe.
 */
public final class BroadcastAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient BroadcastInterceptor interceptor;
    private final transient Pointcut pointcut;

    public BroadcastAdvisor(FanOutMethods methods, BroadcastInterceptor interceptor) {
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
        Objects.requireNonNull(methods, "methods");
        this.pointcut = new FanOutPointcut(Broadcast.class, methods::broadcast);
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
