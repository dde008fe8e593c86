package io.shardkit.spring.aop;

import java.lang.reflect.Method;
import java.util.Objects;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * The advisor base of the three shardkit annotations: a pointcut matching the methods its
 * {@link ShardkitInterceptor} advises, which compiles each matched method at once, while the proxy is made, so
 * that a method the interceptor cannot serve fails the application's start rather than its first call; and the
 * interceptor's order as the advisor's. Declared by the starter's auto-configurations as infrastructure beans, so
 * any auto-proxy creator (Spring's own, or Boot's AspectJ-aware one) picks them up.
 *
 * <p>Thread-safe.
 */
public abstract class ShardkitAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient ShardkitInterceptor<?> interceptor;
    private final transient Pointcut pointcut;

    protected ShardkitAdvisor(ShardkitInterceptor<?> interceptor) {
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
        this.pointcut = new CompilingPointcut(interceptor);
        setOrder(interceptor.getOrder());
    }

    @Override
    public final Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public final Advice getAdvice() {
        return interceptor;
    }

    /** Matches what the interceptor advises and compiles it on the spot. */
    private static final class CompilingPointcut extends StaticMethodMatcherPointcut {

        private final ShardkitInterceptor<?> interceptor;

        CompilingPointcut(ShardkitInterceptor<?> interceptor) {
            this.interceptor = interceptor;
        }

        @Override
        public boolean matches(Method method, @Nullable Class<?> targetClass) {
            if (!ShardkitInterceptor.advisable(method) || !interceptor.advises(method, targetClass)) {
                return false;
            }
            interceptor.compiled(method, targetClass);
            return true;
        }
    }
}
