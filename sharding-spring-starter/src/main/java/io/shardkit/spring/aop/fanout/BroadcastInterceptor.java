package io.shardkit.spring.aop.fanout;

import io.shardkit.ShardingRule;
import io.shardkit.annotation.Broadcast;
import io.shardkit.scatter.IncompleteResultException;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.spring.aop.AdvisedMethod;
import io.shardkit.spring.aop.InvalidAnnotationException;
import io.shardkit.spring.aop.MethodRouting;
import io.shardkit.spring.aop.ShardkitInterceptor;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

/**
 * Runs each {@code @Broadcast} call on every shard of its rule, one shard after the other in shard order
 * ({@link ScatterGatherExecutor#broadcast(io.shardkit.ShardingRule, io.shardkit.scatter.ShardCall,
 * io.shardkit.scatter.Merger)}), each through the interceptors inside this one on its own shard, so a
 * {@code @Transactional} write commits or rolls back per shard. A failing shard does not stop the others. The
 * results merge by return type as for {@code @ScatterGather} (e.g. update counts summed); a method returning
 * {@code ScatterResult<T>} gets every shard's outcome, any other method {@link IncompleteResultException}
 * listing the failed and the succeeded shards once all were tried.
 *
 * <p>Retry contract: a broadcast is not atomic across shards; running it again after a partial failure is safe
 * if and only if the write is idempotent (an upsert, an insert guarded by a key, an update to absolute values).
 * A call from inside a transaction or a routed call is refused with {@code CrossShardTransactionException}.
 *
 * <p>Thread-safe; per-method work is compiled once.
 */
public final class BroadcastInterceptor extends FanOutInterceptor {

    /**
     * @param routing  the rule lookup shared with {@code @Sharded}
     * @param executor runs the broadcasts; looked up on first use so it may be lazy
     * @param order    the interceptor's order; keep it below the transaction interceptor's
     */
    public BroadcastInterceptor(MethodRouting routing, Supplier<ScatterGatherExecutor> executor, int order) {
        super(Broadcast.class, routing, executor, order);
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        FanOutPlan plan = plan(invocation);
        ScatterResult<Object> result = executor().broadcast(plan.rule(), plan.call(invocation,
                ShardkitInterceptor::proceed), plan.merge().merger());
        return plan.answer(result, partial -> IncompleteResultException.broadcast(plan.where(), result, partial));
    }

    @Override
    protected FanOutPlan compile(AdvisedMethod method) {
        Broadcast annotation = annotation(method, Broadcast.class);
        ShardingRule rule = rule(method, annotation.rule());
        if (routing().keyParameter(method, rule) >= 0) {
            throw InvalidAnnotationException.broadcastWithKey(method.where());
        }
        return new FanOutPlan(rule, method.where(), -1, false, merge(method), scatterResultOf(method));
    }
}
