package io.shardkit.spring.aop;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import io.shardkit.annotation.Broadcast;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.annotation.Sharded;
import io.shardkit.bucket.BucketMovedException;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.metrics.ShardingMetrics;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Routes each {@code @Sharded} call: resolves the key, maps it through the rule to a shard, binds the shard to
 * the thread for the call ({@link ShardContext}) and unbinds it afterwards, whatever happens. Advises methods
 * annotated {@link Sharded}, and the public methods of classes annotated {@code @Sharded} (except those
 * annotated {@code @ScatterGather} or {@code @Broadcast}, whose own annotation wins).
 *
 * <p><b>Ordering:</b> {@link #DEFAULT_ORDER} puts it outside Spring's transaction interceptor (which runs at
 * {@link Ordered#LOWEST_PRECEDENCE} unless configured otherwise), so that a {@code @Transactional} on the same or
 * an inner method opens its transaction on the routed shard. Ordering it inside the transaction interceptor
 * would open the transaction before any shard is bound and fail with {@code NoShardBoundException}.
 *
 * <p><b>One shard per unit of work:</b> a call nested in another routed call, or in a transaction holding a
 * connection of the routing DataSource, must route to the shard already bound; a different shard is refused
 * with {@link CrossShardTransactionException} naming the method that opened the transaction, before the inner
 * method runs, so the outer transaction rolls back when the exception leaves it.
 *
 * <p><b>Typed failures:</b> a transaction that cannot begin because the routed shard is down surfaces from
 * Spring as {@code CannotCreateTransactionException} wrapping {@code ShardUnavailableException}; the interceptor
 * rethrows the wrapped shardkit exception itself, with Spring's as suppressed ({@link TypedFailures}).
 *
 * <p><b>Bucketed rules</b> (and rules routing their ids, {@code bucketed-id}): the shard is bound with the key's
 * bucket fence ({@code BucketWrites#fence}, {@code BucketWrites#idFence}): each
 * transaction of the call takes it before its first write, and a write in auto-commit mode is refused
 * ({@code UnfencedWriteException}). A write refused because its bucket moved ({@code BucketMovedException}, from
 * an instance whose map was stale) rolls its transaction back, teaches the map the new owner, and the outermost
 * routed call runs again there, for up to {@link BucketWrites#DEFAULT_MAX_WAIT}: the method body may run more
 * than once, so keep side effects other than the shard's writes out of it.
 *
 * <p>Thread-safe; the per-method work is compiled once.
 */
public final class ShardedMethodInterceptor extends ShardkitInterceptor<ShardedRoute> {

    /** Outside the transaction interceptor; room is left on both sides for the application's own advice. */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final MethodRouting routing;
    private final Supplier<ShardingMetrics> metrics;
    private final Supplier<DataSource> routingDataSource;

    /**
     * @param routing           the rule and key lookup shared with the fan-out interceptors
     * @param metrics           where calls are reported; asked once per route, on its first call, so it may be lazy
     * @param routingDataSource the routing DataSource, whose connection held by an open transaction pins a shard
     * @param order             the interceptor's order; keep it below the transaction interceptor's
     */
    public ShardedMethodInterceptor(MethodRouting routing, Supplier<ShardingMetrics> metrics,
                                    Supplier<DataSource> routingDataSource, int order) {
        super(order);
        this.routing = Objects.requireNonNull(routing, "routing");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.routingDataSource = Objects.requireNonNull(routingDataSource, "routingDataSource");
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        ShardedRoute route = compiled(invocation);
        BucketWrites writes = route.bucketWrites();
        if (writes != null) {
            return invokeFenced(route, writes, invocation);
        }
        Shard shard = route(route, invocation.getArguments());
        long start = System.nanoTime();
        boolean success = false;
        try (ShardScope ignored = ShardContext.bind(shard)) {
            Object result = invocation.proceed();
            success = true;
            return result;
        } catch (TransactionException ex) {
            throw TypedFailures.typed(ex);
        } finally {
            route.calls(metrics).record(shard, System.nanoTime() - start, success);
        }
    }

    /**
     * A call of a bucketed rule: the shard is bound with the key's bucket fence, which each transaction of the call
     * takes before its first write ({@link BucketWrites#fence}). A write refused because the bucket moved
     * ({@link BucketMovedException}, after the call's transaction rolled back) teaches the map the new owner and
     * runs the whole call again there, for up to the bucket writes' max wait; waiting out a move's cutover is not an
     * error. Only the outermost routed call runs again: inside another routed call or transaction the refusal
     * propagates, so that the enclosing unit of work rolls back and is the one to run again.
     */
    private @Nullable Object invokeFenced(ShardedRoute route, BucketWrites writes, MethodInvocation invocation)
            throws Throwable {
        Object[] arguments = invocation.getArguments();
        boolean outermost = ShardContext.current() == null && invocation instanceof ProxyMethodInvocation
                && !TransactionSynchronizationManager.isActualTransactionActive();
        long start = System.nanoTime();
        @Nullable Object key = key(route, arguments);
        while (true) {
            Shard shard = shardFor(route, key);
            Object routed = Objects.requireNonNull(key, "a routed key"); // shardFor refused a null one
            long attemptStart = System.nanoTime();
            boolean success = false;
            try (ShardScope ignored = ShardContext.bind(shard, route.fence(writes, routed))) {
                Object result = outermost ? ((ProxyMethodInvocation) invocation).invocableClone().proceed()
                        : invocation.proceed();
                success = true;
                return result;
            } catch (TransactionException ex) {
                throw TypedFailures.typed(ex);
            } catch (RuntimeException ex) {
                BucketMovedException moved = outermost ? movedIn(ex) : null;
                if (moved == null || !writes.recover(moved, start)) {
                    throw ex;
                }
            } finally {
                route.calls(metrics).record(shard, System.nanoTime() - attemptStart, success);
            }
        }
    }

    /** The bucket refusal in {@code ex}'s causes, if any (a persistence layer may have wrapped it). */
    private static @Nullable BucketMovedException movedIn(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BucketMovedException moved) {
                return moved;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    @Override
    protected boolean advises(Method method, @Nullable Class<?> targetClass) {
        Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
        return AnnotatedElementUtils.hasAnnotation(specific, Sharded.class)
                || AnnotatedElementUtils.hasAnnotation(method, Sharded.class)
                || (Modifier.isPublic(specific.getModifiers()) && classAnnotated(specific, targetClass)
                        && !AnnotatedElementUtils.hasAnnotation(specific, ScatterGather.class)
                        && !AnnotatedElementUtils.hasAnnotation(specific, Broadcast.class));
    }

    @Override
    protected ShardedRoute compile(AdvisedMethod method) {
        Sharded sharded = method.annotation(Sharded.class);
        if (sharded == null) {
            sharded = AnnotatedElementUtils.findMergedAnnotation(method.userClass(), Sharded.class);
        }
        if (sharded == null) {
            throw InvalidAnnotationException.notAnnotated(method.where(), Sharded.class);
        }
        ShardingRule rule = routing.rule(method, sharded.rule());
        return new ShardedRoute(rule, routing.keyResolver(method, sharded.key(), rule), method.where());
    }

    private static boolean classAnnotated(Method specific, @Nullable Class<?> targetClass) {
        return AnnotatedElementUtils.hasAnnotation(specific.getDeclaringClass(), Sharded.class)
                || (targetClass != null && AnnotatedElementUtils.hasAnnotation(targetClass, Sharded.class));
    }

    private Shard route(ShardedRoute route, Object[] arguments) {
        return shardFor(route, key(route, arguments));
    }

    /** The call's key; a key that cannot be resolved is counted as the rule's routing failure. */
    private @Nullable Object key(ShardedRoute route, Object[] arguments) {
        try {
            return route.key(arguments);
        } catch (ShardingException ex) {
            metrics.get().routingFailed(route.rule().name(), ex.getClass());
            throw ex;
        }
    }

    /** The shard of {@code key}, refused when it is not the one this thread's unit of work is on. */
    private Shard shardFor(ShardedRoute route, @Nullable Object key) {
        try {
            Shard shard = route.shardOf(key);
            Shard bound = ShardContext.current();
            if (bound != null ? !bound.equals(shard) : transactionHoldsRoutedConnection()) {
                throw crossShard(route, key, bound, shard);
            }
            return shard;
        } catch (ShardingException ex) {
            metrics.get().routingFailed(route.rule().name(), ex.getClass());
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

    private static CrossShardTransactionException crossShard(ShardedRoute route, @Nullable Object key,
                                                             @Nullable Shard bound, Shard requested) {
        boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        return CrossShardTransactionException.secondShard(route.rule().name(), key, route.where(), requested.name(),
                bound == null ? null : bound.name(), inTransaction ? transactionOpener() : null, inTransaction);
    }
}
