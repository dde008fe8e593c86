package io.shardkit.spring.aop.fanout;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.InvalidShardKeyException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardingRule;
import io.shardkit.scatter.IncompleteResultException;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.scatter.ShardCall;
import io.shardkit.spring.aop.InvalidAnnotationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.function.Function;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One {@code @ScatterGather} or {@code @Broadcast} method, compiled once: its rule, the index of its key
 * collection parameter (if any), its {@link MergeByReturnType} and the value type of the {@code ScatterResult} it
 * returns (if it does). Builds each call's per-shard work: the intercepted invocation copied
 * ({@link ProxyMethodInvocation#invocableClone(Object...)}) with the shard's own keys and proceeded on the worker
 * thread, where the shard is bound, so the inner interceptors (e.g. {@code @Transactional}) run on that shard.
 *
 * <p>Immutable and thread-safe.
 */
final class FanOutPlan {

    private final ShardingRule rule;
    private final String where;
    private final int keyIndex;
    private final boolean keySet;
    private final MergeByReturnType merge;
    private final @Nullable Class<?> scatterResultOf;

    /**
     * @param keyIndex        the index of the key collection parameter, or {@code -1} for every shard
     * @param keySet          whether that parameter takes a {@code Set} (else a {@code List})
     * @param scatterResultOf the {@code T} of a method returning {@code ScatterResult<T>}, else {@code null}
     */
    FanOutPlan(ShardingRule rule, String where, int keyIndex, boolean keySet, MergeByReturnType merge,
               @Nullable Class<?> scatterResultOf) {
        this.rule = rule;
        this.where = where;
        this.keyIndex = keyIndex;
        this.keySet = keySet;
        this.merge = merge;
        this.scatterResultOf = scatterResultOf;
    }

    ShardingRule rule() {
        return rule;
    }

    MergeByReturnType merge() {
        return merge;
    }

    boolean hasKeys() {
        return keyIndex >= 0;
    }

    /**
     * Refuses a call made inside a transaction or a routed call: the fan-out could not join either.
     *
     * @throws CrossShardTransactionException when the caller's thread has a transaction or a shard bound
     */
    void refuseInsideUnitOfWork(@Nullable String transactionOpener) {
        Shard bound = ShardContext.current();
        boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        if (bound != null || inTransaction) {
            throw CrossShardTransactionException.fanOut(rule.name(), where, bound == null ? null : bound.name(),
                    transactionOpener, inTransaction);
        }
    }

    /** The key collection of a call. */
    Iterable<?> keys(Object[] arguments) {
        Object keys = arguments[keyIndex];
        if (keys == null) {
            throw InvalidShardKeyException.of(rule.name(), null, "a collection of keys", where + " @ShardKey "
                    + "parameter #" + keyIndex);
        }
        return (Iterable<?>) keys;
    }

    /**
     * Each shard's part of {@code invocation}: a copy with the shard's keys, proceeded on the worker thread by
     * {@code proceed}; what it returns is the shard's value (the {@code ScatterResult}'s, for methods returning
     * one).
     */
    @SuppressWarnings("NullAway") // a shard's part may be null: merges treat NULL as a value (core's ShardCall is
    // not annotated for nullable type arguments, which NullAway checks only in its JSpecify mode)
    ShardCall<Object, Object> call(MethodInvocation invocation, Proceed proceed) {
        if (!(invocation instanceof ProxyMethodInvocation proxied)) {
            throw InvalidAnnotationException.notAProxyInvocation(where, invocation.getClass());
        }
        Object[] arguments = invocation.getArguments();
        return request -> {
            Object[] own = arguments.clone();
            if (keyIndex >= 0) {
                own[keyIndex] = keySet ? new LinkedHashSet<>(request.keys()) : new ArrayList<>(request.keys());
            }
            Object raw = proceed.proceed(proxied.invocableClone(own));
            return merge.part(raw instanceof ScatterResult<?> part && scatterResultOf != null ? part.value() : raw);
        };
    }

    /**
     * What the caller gets: the executor's {@code ScatterResult} for methods returning one, else the merged value
     * when every shard succeeded.
     *
     * @param incomplete builds the failure for a method that cannot say that shards failed
     */
    @Nullable Object answer(ScatterResult<Object> result,
                            Function<@Nullable Object, IncompleteResultException> incomplete) {
        if (scatterResultOf != null) {
            // Core's own result, unless the declared value type is a concrete collection core's does not fit.
            return scatterResultOf.isInstance(result.value()) ? result : new ScatterResult<>(result.rule(),
                    Objects.requireNonNull(merge.answer(result.value())), result.succeeded(), result.failures());
        }
        Object value = merge.answer(result.value());
        if (!result.isComplete()) {
            throw incomplete.apply(value);
        }
        return value;
    }

    /** How a copy of the invocation is proceeded with (and a transaction's failure unwrapped). */
    @FunctionalInterface
    interface Proceed {
        @Nullable Object proceed(MethodInvocation copy) throws Exception;
    }

    String where() {
        return where;
    }
}
