package io.shardkit.spring.aop;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ScatterResult;
import io.shardkit.scatter.ShardCall;
import io.shardkit.scatter.ShardFailure;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One {@code @ScatterGather} or {@code @Broadcast} method, compiled once by {@link FanOutMethods}: its rule, the
 * index of its key collection parameter (if any), how its results merge and whether it returns a
 * {@link ScatterResult}. Builds each call's per-shard work: the intercepted invocation copied
 * ({@link ProxyMethodInvocation#invocableClone(Object...)}) with the shard's own keys and proceeded on the worker
 * thread, where the shard is bound, so the inner interceptors (e.g. {@code @Transactional}) run on that shard.
 *
 * <p>Immutable and thread-safe.
 */
final class FanOutMethod {

    private final ShardingRule rule;
    private final String where;
    private final int keyIndex;
    private final boolean keySet;
    private final ResultMerge merge;
    private final boolean returnsScatterResult;

    /**
     * @param keyIndex             the index of the key collection parameter, or {@code -1} for every shard
     * @param keySet               whether that parameter takes a {@code Set} (else a {@code List})
     * @param returnsScatterResult whether the method returns {@code ScatterResult<T>} (merged as a {@code T})
     */
    FanOutMethod(ShardingRule rule, String where, int keyIndex, boolean keySet, ResultMerge merge,
                 boolean returnsScatterResult) {
        this.rule = rule;
        this.where = where;
        this.keyIndex = keyIndex;
        this.keySet = keySet;
        this.merge = merge;
        this.returnsScatterResult = returnsScatterResult;
    }

    ShardingRule rule() {
        return rule;
    }

    String where() {
        return where;
    }

    ResultMerge merge() {
        return merge;
    }

    boolean hasKeys() {
        return keyIndex >= 0;
    }

    /**
     * Refuses a call made inside a transaction or a routed call: the fan-out could not join either.
     *
     * @throws FanOutInTransactionException when the caller's thread has a transaction or a shard bound
     */
    void refuseInsideUnitOfWork() {
        Shard bound = ShardContext.current();
        boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
        if (bound != null || inTransaction) {
            throw new FanOutInTransactionException(rule.name(), where, bound == null ? null : bound.name(),
                    inTransaction);
        }
    }

    /** The key collection of a call. */
    Iterable<?> keys(Object[] arguments) {
        Object keys = arguments[keyIndex];
        if (keys == null) {
            throw new InvalidShardKeyException(rule.name(), null, "a collection of keys", where + " @ShardKey "
                    + "parameter #" + keyIndex, null);
        }
        return (Iterable<?>) keys;
    }

    /** Each shard's part of {@code invocation}: a copy with the shard's keys, proceeded on the worker thread. */
    ShardCall<Object, ShardPart> call(MethodInvocation invocation) {
        if (!(invocation instanceof ProxyMethodInvocation proxied)) {
            throw new ShardingConfigurationException(where + ": shardkit's fan-out advice needs Spring AOP's "
                    + "ProxyMethodInvocation but got [" + invocation.getClass().getName() + "]");
        }
        Object[] arguments = invocation.getArguments();
        return request -> {
            Object[] own = arguments.clone();
            if (keyIndex >= 0) {
                own[keyIndex] = keySet ? new LinkedHashSet<>(request.keys()) : new ArrayList<>(request.keys());
            }
            Object raw = proceed(proxied.invocableClone(own));
            return new ShardPart(request.shard(), unwrap(raw, request.shard()));
        };
    }

    private static @Nullable Object proceed(MethodInvocation copy) throws Exception {
        try {
            return copy.proceed();
        } catch (TransactionException ex) {
            // The shard's failure is its typed shardkit exception (e.g. ShardUnavailableException), not Spring's.
            throw TypedFailures.typed(ex);
        } catch (Exception | Error ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new UndeclaredThrowableException(ex);
        }
    }

    private @Nullable Object unwrap(@Nullable Object raw, Shard shard) {
        Object value = raw;
        if (returnsScatterResult) {
            if (!(raw instanceof ScatterResult<?> part)) {
                throw new ScatterGatherException(rule.name(), shard.name(), where + " returned null on the shard; "
                        + "return the shard's part as ScatterParts.of(value)", null);
            }
            value = part.value();
        }
        if (value == null && merge.kind().requiresValue()) {
            throw new ScatterGatherException(rule.name(), shard.name(), where + " returned null on the shard; "
                    + "return an empty " + merge.kind().name().toLowerCase(Locale.ROOT) + " instead",
                    null);
        }
        return value;
    }

    /**
     * What the caller gets: the merged {@code ScatterResult} for methods returning one, else the merged value
     * when every shard succeeded.
     *
     * @throws IncompleteResultException when a shard failed and the return type cannot say so
     */
    @Nullable Object finish(List<Shard> succeeded, List<ShardFailure> failures, ResultMerge.Merged merged,
                            boolean broadcast) {
        if (returnsScatterResult) {
            return new ScatterResult<>(rule.name(), Objects.requireNonNull(merged.value()), succeeded,
                    failures);
        }
        if (!failures.isEmpty()) {
            throw new IncompleteResultException(rule.name(), where, broadcast, succeeded, failures,
                    merged.value());
        }
        return merged.value();
    }
}
