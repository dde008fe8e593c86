package io.shardkit.spring.aop;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingException;
import io.shardkit.metrics.MeterNames;
import io.shardkit.metrics.ShardingMetrics;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Routes each {@code @Sharded} call: resolves the key, maps it through the rule to a shard, binds the shard to
 * the thread for the call ({@link ShardContext}) and unbinds it afterwards, whatever happens.
 *
 * <p><b>Ordering:</b> {@link #DEFAULT_ORDER} puts it outside Spring's transaction interceptor (which runs at
 * {@link Ordered#LOWEST_PRECEDENCE} unless configured otherwise), so that a {@code @Transactional} on the same or
 * an inner method opens its transaction on the routed shard. Ordering it inside the transaction interceptor
 * would open the transaction before any shard is bound and fail with {@code NoShardBoundException}.
 *
 * <p><b>One shard per unit of work:</b> a call nested in another routed call, or in a transaction holding a
 * connection of the routing DataSource, must route to the shard already bound; a different shard is refused
 * with {@link CrossShardTransactionException} before the inner method runs, so the outer transaction rolls back
 * when the exception leaves it.
 *
 * <p><b>Typed failures:</b> a transaction that cannot begin because the routed shard is down surfaces from
 * Spring as {@code CannotCreateTransactionException} wrapping {@code ShardUnavailableException}; the interceptor
 * rethrows the wrapped shardkit exception itself, with Spring's as suppressed ({@link TypedFailures}).
 *
 * <p>Thread-safe; the per-method work is compiled once ({@link ShardedMethods}).
 */
public final class ShardedMethodInterceptor implements MethodInterceptor, Ordered {

    /** Outside the transaction interceptor; room is left on both sides for the application's own advice. */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final ShardedMethods methods;
    private final Supplier<ShardingMetrics> metrics;
    private final Supplier<DataSource> routingDataSource;
    private final int order;

    /**
     * @param methods           compiles and caches the routed methods
     * @param metrics           where calls are reported; looked up on each call's completion so it may be lazy
     * @param routingDataSource the routing DataSource, whose connection held by an open transaction pins a shard
     * @param order             the interceptor's order; keep it below the transaction interceptor's
     */
    public ShardedMethodInterceptor(ShardedMethods methods, Supplier<ShardingMetrics> metrics,
                                    Supplier<DataSource> routingDataSource, int order) {
        this.methods = Objects.requireNonNull(methods, "methods");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.routingDataSource = Objects.requireNonNull(routingDataSource, "routingDataSource");
        this.order = order;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        Object target = invocation.getThis();
        ShardedMethod method = methods.sharded(invocation.getMethod(),
                target == null ? null : AopUtils.getTargetClass(target));
        Shard shard = route(method, invocation.getArguments());
        long start = System.nanoTime();
        String outcome = MeterNames.OUTCOME_FAILURE;
        try (ShardScope ignored = ShardContext.bind(shard)) {
            Object result = invocation.proceed();
            outcome = MeterNames.OUTCOME_SUCCESS;
            return result;
        } catch (TransactionException ex) {
            throw TypedFailures.typed(ex);
        } finally {
            metrics.get().routed(method.rule().name(), shard.name(), System.nanoTime() - start, outcome);
        }
    }

    private Shard route(ShardedMethod method, Object[] arguments) {
        try {
            Object key = method.key(arguments);
            Shard shard = method.shardOf(key);
            Shard bound = ShardContext.current();
            if (bound != null ? !bound.equals(shard) : transactionHoldsRoutedConnection()) {
                throw crossShard(method, key, bound, shard);
            }
            return shard;
        } catch (ShardingException ex) {
            metrics.get().routingFailed(method.rule().name(), ex.getClass());
            throw ex;
        }
    }

    /**
     * Whether a transaction on this thread already holds a connection of the routing DataSource although no shard
     * is bound (a transaction begun inside a scope that has since closed): its shard is unknown, so no shard is
     * safe to bind.
     */
    private boolean transactionHoldsRoutedConnection() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.hasResource(routingDataSource.get());
    }

    private static CrossShardTransactionException crossShard(ShardedMethod method, @Nullable Object key,
                                                             @Nullable Shard bound, Shard requested) {
        String where = (bound != null && TransactionSynchronizationManager.isActualTransactionActive()
                ? "the open transaction" : "the enclosing unit of work") + " of " + method.where();
        return new CrossShardTransactionException(method.rule().name(), key,
                bound == null ? "<unknown>" : bound.name(), requested.name(), where);
    }

    @Override
    public int getOrder() {
        return order;
    }
}
