package io.shardkit.spring.aop;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.function.BiConsumer;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.core.Ordered;

/**
 * What the fan-out advisors share: a {@link FanOutPointcut} for one annotation and an interceptor whose order
 * becomes the advisor's.
 *
 * <p>Thread-safe.
 */
abstract class FanOutAdvisorSupport extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient Advice interceptor;
    private final transient Pointcut pointcut;

    FanOutAdvisorSupport(Class<? extends Annotation> annotation, BiConsumer<Method, @Nullable Class<?>> compile,
                         Advice interceptor, Ordered order) {
        this.interceptor = interceptor;
        this.pointcut = new FanOutPointcut(annotation, compile);
        setOrder(order.getOrder());
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
