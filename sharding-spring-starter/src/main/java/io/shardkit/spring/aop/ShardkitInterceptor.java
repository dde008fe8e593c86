package io.shardkit.spring.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.Ordered;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the three shardkit interceptors ({@code @Sharded}, {@code @ScatterGather}, {@code @Broadcast}) share:
 * which methods they advise, a cache of what each advised method compiles to (a route or a fan-out plan, built
 * once per method and target class, at start-up when the proxy is made), their order, and how a shard's
 * failure that Spring's transaction infrastructure wrapped is unwrapped to shardkit's typed exception
 * ({@link TypedFailures}).
 *
 * <p>Thread-safe: the cache is a concurrent map and compiled entries are immutable; compiling the same method
 * twice concurrently yields equal results, one of which is kept.
 *
 * @param <P> what a method compiles to
 */
public abstract class ShardkitInterceptor<P> implements MethodInterceptor, Ordered {

    /** The first target class each method was compiled for: what a call finds without building a key. */
    private final Map<Method, Compiled<P>> byMethod = new ConcurrentHashMap<>();
    private final Map<MethodClassKey, P> compiled = new ConcurrentHashMap<>();
    private final int order;

    /** @param order the interceptor's order; keep it below the transaction interceptor's */
    protected ShardkitInterceptor(int order) {
        this.order = order;
    }

    /** Whether this interceptor advises {@code method} called on {@code targetClass} (its annotation is there). */
    protected abstract boolean advises(Method method, @Nullable Class<?> targetClass);

    /**
     * What {@code method} compiles to; throws a typed exception naming the method when it cannot be served
     * (unknown rule, missing key, unsupported return type, ...).
     */
    protected abstract P compile(AdvisedMethod method);

    /** The compiled form of {@code method} called on {@code targetClass}; compiled on first use. */
    public final P compiled(Method method, @Nullable Class<?> targetClass) {
        // The common case, one target class per method, is a map read with nothing allocated.
        Compiled<P> first = byMethod.get(method);
        return first != null && first.targetClass == targetClass ? first.value : compiledFor(method, targetClass);
    }

    private P compiledFor(Method method, @Nullable Class<?> targetClass) {
        P found = compiled.computeIfAbsent(new MethodClassKey(method, targetClass),
                k -> compile(AdvisedMethod.of(method, targetClass)));
        byMethod.putIfAbsent(method, new Compiled<>(targetClass, found));
        return found;
    }

    /** The compiled form of the invoked method. */
    protected final P compiled(MethodInvocation invocation) {
        Object target = invocation.getThis();
        return compiled(invocation.getMethod(), target == null ? null : AopUtils.getTargetClass(target));
    }

    /** Whether shardkit advises {@code method} at all: not {@code Object}'s, not static, not private. */
    static boolean advisable(Method method) {
        return method.getDeclaringClass() != Object.class && !Modifier.isStatic(method.getModifiers())
                && !Modifier.isPrivate(method.getModifiers());
    }

    /**
     * Proceeds with {@code invocation}; a transaction that could not begin because its shard is down surfaces
     * as shardkit's typed exception (e.g. {@code ShardUnavailableException}), not Spring's wrapper.
     */
    protected static @Nullable Object proceed(MethodInvocation invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (TransactionException ex) {
            throw TypedFailures.typed(ex);
        } catch (Exception | Error ex) {
            throw ex;
        } catch (Throwable ex) {
            throw new UndeclaredThrowableException(ex);
        }
    }

    /**
     * The method that opened the current transaction, from the name Spring's transaction interceptor gives it
     * ({@code com.example.OrderService.placeBoth}) without the package; {@code null} when there is no
     * transaction or it has no name (e.g. a {@code TransactionTemplate} without one).
     */
    protected static @Nullable String transactionOpener() {
        String name = TransactionSynchronizationManager.isActualTransactionActive()
                ? TransactionSynchronizationManager.getCurrentTransactionName() : null;
        if (name == null) {
            return null;
        }
        int method = name.lastIndexOf('.');
        int type = method < 0 ? -1 : name.lastIndexOf('.', method - 1);
        return type < 0 ? name : name.substring(type + 1);
    }

    @Override
    public final int getOrder() {
        return order;
    }

    /** What a method compiled to for one target class. */
    private record Compiled<P>(@Nullable Class<?> targetClass, P value) {
    }
}
