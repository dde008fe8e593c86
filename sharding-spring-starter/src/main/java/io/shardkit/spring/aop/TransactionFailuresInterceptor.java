package io.shardkit.spring.aop;

import io.shardkit.NoShardBoundException;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionException;

/**
 * Gives the callers of a {@code @Transactional} method shardkit's typed failure where Spring's transaction
 * manager wrapped it: a transaction that cannot begin on the routing DataSource because no shard is bound, or
 * because the bound shard is down, surfaces from Spring as {@code CannotCreateTransactionException}; this
 * rethrows the {@code NoShardBoundException} (then naming the method whose transaction began) or
 * {@code ShardUnavailableException} instead, with Spring's exception as suppressed ({@link TypedFailures}).
 * {@code @Sharded} and the fan-out annotations do the same for their own methods; this covers the
 * {@code @Transactional} methods called without them (a shard bound by {@code ShardContext.bind}, or none).
 *
 * <p>Ordered outside Spring's transaction interceptor ({@link #DEFAULT_ORDER}); it does nothing unless the call
 * throws a {@link TransactionException}. Stateless and thread-safe.
 */
final class TransactionFailuresInterceptor implements MethodInterceptor, Ordered {

    /** Outside the transaction interceptor, beside the {@code @Sharded} interceptor. */
    static final int DEFAULT_ORDER = ShardedMethodInterceptor.DEFAULT_ORDER;

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        try {
            return invocation.proceed();
        } catch (TransactionException ex) {
            RuntimeException typed = TypedFailures.typed(ex);
            if (typed instanceof NoShardBoundException unbound && unbound.getMethod() == null) {
                NoShardBoundException named = NoShardBoundException.beganTransaction(
                        AdvisedMethod.describe(invocation.getMethod()), unbound);
                named.addSuppressed(ex);
                throw named;
            }
            throw typed;
        }
    }

    @Override
    public int getOrder() {
        return DEFAULT_ORDER;
    }
}
