package io.shardkit.spring.aop.fanout;

import io.shardkit.ShardingRule;
import io.shardkit.annotation.ScatterGather;
import io.shardkit.scatter.IncompleteResultException;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.scatter.ShardCall;
import io.shardkit.spring.aop.AdvisedMethod;
import io.shardkit.spring.aop.InvalidAnnotationException;
import io.shardkit.spring.aop.MethodRouting;
import io.shardkit.spring.aop.ShardedMethodInterceptor;
import io.shardkit.spring.aop.ShardkitInterceptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.BeanUtils;

/**
 * Runs each {@code @ScatterGather} call on many shards through the {@link ScatterGatherExecutor} and merges the
 * results by the method's return type ({@link MergeByReturnType}, core's merges). With a {@code @ShardKey}
 * collection parameter the method runs once per shard owning any of the keys, with only that shard's keys (a
 * {@code List} or {@code Set}, as declared); shards owning none are not touched. Without one it runs once per
 * shard of the rule.
 *
 * <p>Each shard's run is a copy of the intercepted invocation proceeded on a worker thread with the shard bound,
 * so the interceptors inside this one (e.g. {@code @Transactional(readOnly = true)}) apply per shard, each in its
 * own transaction. This interceptor therefore sits outside the transaction interceptor
 * ({@link ShardedMethodInterceptor#DEFAULT_ORDER}), and a call from inside a transaction or a routed call is
 * refused with {@code CrossShardTransactionException}. Shard failures follow the executor's failure policy:
 * {@code FAIL_FAST} throws {@code ScatterGatherException} naming the shard, with the shard's typed failure as the
 * cause (a transaction that could not begin on a shard that is down reports its {@code ShardUnavailableException},
 * not Spring's wrapper); under {@code PARTIAL} a method returning {@code ScatterResult<T>} gets the executor's
 * partial result and every other method {@link IncompleteResultException}.
 *
 * <p>Thread-safe; per-method work is compiled once.
 */
public final class ScatterGatherInterceptor extends FanOutInterceptor {

    /**
     * @param routing  the rule and key lookup shared with {@code @Sharded}
     * @param executor runs the fan-outs; looked up on first use so it may be lazy
     * @param order    the interceptor's order; keep it below the transaction interceptor's
     */
    public ScatterGatherInterceptor(MethodRouting routing, Supplier<ScatterGatherExecutor> executor, int order) {
        super(ScatterGather.class, routing, executor, order);
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        FanOutPlan plan = plan(invocation);
        ScatterGatherExecutor scatter = executor();
        ShardCall<Object, Object> call = plan.call(invocation, ShardkitInterceptor::proceed);
        ScatterResult<Object> result = plan.hasKeys()
                ? scatter.onShardsOwning(plan.rule(), plan.keys(invocation.getArguments()), call,
                        plan.merge().merger())
                : scatter.onEveryShard(plan.rule(), call, plan.merge().merger());
        return plan.answer(result, partial -> IncompleteResultException.scatterGather(plan.where(), result,
                partial));
    }

    @Override
    protected FanOutPlan compile(AdvisedMethod method) {
        ScatterGather annotation = annotation(method, ScatterGather.class);
        ShardingRule rule = rule(method, annotation.rule());
        MergeByReturnType merge = merge(method);
        if (annotation.limit() >= 0 && !merge.isList()) {
            throw InvalidAnnotationException.needsList(method.where(), "limit = " + annotation.limit());
        }
        merge = merge.ordered(comparator(annotation, merge, method), annotation.limit());
        int index = routing().keyParameter(method, rule);
        if (index < 0) {
            return new FanOutPlan(rule, method.where(), -1, false, merge, scatterResultOf(method));
        }
        if (!routing().shardKey(method, index).value().isEmpty()) {
            throw InvalidAnnotationException.keyCollectionWithPath(method.where());
        }
        return new FanOutPlan(rule, method.where(), index, keySet(method, index), merge, scatterResultOf(method));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static @Nullable Comparator<Object> comparator(ScatterGather annotation, MergeByReturnType merge,
                                                          AdvisedMethod method) {
        Class<? extends Comparator> type = annotation.orderBy();
        if (type == Comparator.class) {
            return null;
        }
        if (!merge.isList()) {
            throw InvalidAnnotationException.needsList(method.where(), "orderBy = " + type.getSimpleName()
                    + ".class");
        }
        try {
            return BeanUtils.instantiateClass(type);
        } catch (BeanInstantiationException ex) {
            throw InvalidAnnotationException.comparatorNotCreatable(method.where(), type, ex);
        }
    }

    /** Whether the key parameter takes a {@code Set} (else a {@code List}); anything else is refused. */
    private static boolean keySet(AdvisedMethod method, int index) {
        Class<?> type = method.specific().getParameterTypes()[index];
        if (Iterable.class.isAssignableFrom(type) && type.isAssignableFrom(ArrayList.class)) {
            return false;
        }
        if (Iterable.class.isAssignableFrom(type) && type.isAssignableFrom(LinkedHashSet.class)) {
            return true;
        }
        throw InvalidAnnotationException.keyNotACollection(method.where(), type);
    }
}
