package io.shardkit.spring.aop;

import io.shardkit.ShardingException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.TransactionException;

/**
 * Gives callers shardkit's typed failure where Spring's transaction infrastructure wrapped it. A transaction
 * manager that cannot open its connection on a shard that is down throws {@code CannotCreateTransactionException}
 * whose cause is the routing DataSource's {@code ShardUnavailableException}; the product contract promises the
 * typed exception itself, naming the shard. The interceptors sit outside the transaction interceptor, so they see
 * the wrapper and unwrap it here.
 *
 * <p>The typed exception is rethrown as it was created (same instance, same stack trace, which already runs
 * through the transaction manager's frames) and the Spring exception is added to it as suppressed, so its message
 * stays in logs. That makes a reference cycle (the wrapper's cause is the typed exception), which
 * {@link Throwable#printStackTrace()} and Logback print as {@code [CIRCULAR REFERENCE ...]}.
 *
 * <p>Stateless and thread-safe.
 */
final class TypedFailures {

    private TypedFailures() {
    }

    /**
     * The {@link ShardingException} nearest to {@code ex} in its cause chain, with {@code ex} added to it as
     * suppressed; {@code ex} itself when it wraps no shardkit failure (e.g. a commit that failed in the driver).
     */
    static RuntimeException typed(TransactionException ex) {
        ShardingException typed = find(ex);
        if (typed == null) {
            return ex;
        }
        typed.addSuppressed(ex);
        return typed;
    }

    private static @Nullable ShardingException find(Throwable ex) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = ex.getCause(); t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ShardingException typed) {
                return typed;
            }
        }
        return null;
    }
}
