package io.shardkit.spring.aop;

import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterResult;
import java.util.List;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Runs each {@code @Broadcast} call on every shard of its rule, one shard after the other in shard order
 * ({@link ScatterGatherExecutor#broadcast}), each through the interceptors inside this one on its own shard, so a
 * {@code @Transactional} write commits or rolls back per shard. A failing shard does not stop the others. The
 * results merge by return type as for {@code @ScatterGather} (e.g. update counts summed); a method returning
 * {@code ScatterResult<T>} gets every shard's outcome, any other method {@link IncompleteResultException}
 * listing the failed and the succeeded shards once all were tried.
 *
 * <p>Retry contract: a broadcast is not atomic across shards; running it again after a partial failure is safe
 * if and only if the write is idempotent (an upsert, an insert guarded by a key, an update to absolute values).
 * A call from inside a transaction or a routed call is refused with {@link FanOutInTransactionException}.
 *
 * <p>Thread-safe; per-method work is compiled once ({@link FanOutMethods}).
 */
public final class BroadcastInterceptor extends FanOutInterceptorSupport {

    /**
     * @param methods  compiles and caches the fan-out methods
     * @param executor runs the broadcasts; looked up on first use so it may be lazy
     * @param order    the interceptor's order; keep it below the transaction interceptor's
     */
    public BroadcastInterceptor(FanOutMethods methods, Supplier<ScatterGatherExecutor> executor, int order) {
        super(methods, executor, order);
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        FanOutMethod method = methods().broadcast(invocation.getMethod(), targetClass(invocation));
        method.refuseInsideUnitOfWork();
        ScatterResult<List<ShardPart>> result = executor().broadcast(method.rule(), method.call(invocation));
        ResultMerge.Merged merged = method.merge().merge(result.value());
        return method.finish(result.succeeded(), result.failures(), merged, true);
    }
}
