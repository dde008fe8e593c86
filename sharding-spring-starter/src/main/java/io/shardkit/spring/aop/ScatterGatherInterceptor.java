package io.shardkit.spring.aop;

import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterResult;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Runs each {@code @ScatterGather} call on many shards through the {@link ScatterGatherExecutor} and merges the
 * results by the method's return type. With a {@code @ShardKey} collection parameter the method runs once per
 * shard owning any of the keys, with only that shard's keys (a {@code List} or {@code Set}, as declared); shards
 * owning none are not touched. Without one it runs once per shard of the rule.
 *
 * <p>Each shard's run is a copy of the intercepted invocation proceeded on a worker thread with the shard bound,
 * so the interceptors inside this one (e.g. {@code @Transactional(readOnly = true)}) apply per shard, each in its
 * own transaction. This interceptor therefore sits outside the transaction interceptor
 * ({@link ShardedMethodInterceptor#DEFAULT_ORDER}), and a call from inside a transaction or a routed call is
 * refused with {@link FanOutInTransactionException}. Shard failures follow the executor's failure policy:
 * {@code FAIL_FAST} throws {@code ScatterGatherException} naming the shard, with the shard's typed failure as the
 * cause (a transaction that could not begin on a shard that is down reports its {@code ShardUnavailableException},
 * not Spring's wrapper; see {@link TypedFailures}); under {@code PARTIAL} a method
 * returning {@code ScatterResult<T>} gets the partial result and every other method
 * {@link IncompleteResultException}.
 *
 * <p>Thread-safe; per-method work is compiled once ({@link FanOutMethods}).
 */
public final class ScatterGatherInterceptor extends FanOutInterceptorSupport {

    /**
     * @param methods  compiles and caches the fan-out methods
     * @param executor runs the fan-outs; looked up on first use so it may be lazy
     * @param order    the interceptor's order; keep it below the transaction interceptor's
     */
    public ScatterGatherInterceptor(FanOutMethods methods, Supplier<ScatterGatherExecutor> executor, int order) {
        super(methods, executor, order);
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        FanOutMethod method = methods().scatterGather(invocation.getMethod(), targetClass(invocation));
        method.refuseInsideUnitOfWork();
        ScatterGatherExecutor scatter = executor();
        ScatterResult<ResultMerge.Merged> result = method.hasKeys()
                ? scatter.onShardsOwning(method.rule(), method.keys(invocation.getArguments()),
                        method.call(invocation), method.merge())
                : scatter.onEveryShard(method.rule(), method.call(invocation), method.merge());
        return method.finish(result.succeeded(), result.failures(), result.value(), false);
    }
}
