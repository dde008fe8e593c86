package io.shardkit.spring.aop;

import java.lang.reflect.Method;
import org.aopalliance.aop.Advice;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttributeSource;

/**
 * Applies {@link TransactionFailuresInterceptor} to every method Spring runs in a transaction because of an
 * annotation ({@code @Transactional}, on the method or its class, Spring's or Jakarta's), so that a transaction
 * that cannot begin on the routing DataSource fails with shardkit's typed exception rather than Spring's wrapper.
 * Declared by the starter as an infrastructure bean, so Spring's transaction auto-proxy creator picks it up.
 *
 * <p>Thread-safe.
 */
public final class TransactionFailuresAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient TransactionFailuresInterceptor interceptor = new TransactionFailuresInterceptor();
    private final transient Pointcut pointcut = new TransactionalPointcut();

    public TransactionFailuresAdvisor() {
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

    /** Matches what Spring's own annotation-driven transaction advice matches (public or not). */
    private static final class TransactionalPointcut extends StaticMethodMatcherPointcut {

        private final TransactionAttributeSource transactions = new AnnotationTransactionAttributeSource(false);

        @Override
        public boolean matches(Method method, @Nullable Class<?> targetClass) {
            return transactions.getTransactionAttribute(method, targetClass) != null;
        }
    }
}
