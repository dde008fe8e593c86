package io.shardkit.spring.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Names the method that opened the calling thread's Spring transaction, for the routing DataSource's
 * cross-shard messages: Spring names a declarative transaction after the method that began it
 * ({@code com.example.OrderService.placeTwo}), and inner {@code @Transactional} methods that join it leave the
 * name alone, so it is the outer method even when the refused statement ran in an inner one.
 *
 * <p>Stateless and thread-safe; asked only on the way to an error.
 */
final class SpringTransactionNames {

    private SpringTransactionNames() {
    }

    /** {@code OrderService.placeTwo}, or {@code null} outside a transaction or when it has no name. */
    static @Nullable String current() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        String name = TransactionSynchronizationManager.getCurrentTransactionName();
        if (name == null) {
            return null;
        }
        // Drop the package and outer classes: the simple class name and the method are what a reader looks for.
        int method = name.lastIndexOf('.');
        if (method <= 0) {
            return name;
        }
        String type = name.substring(0, method);
        int simple = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
        return name.substring(simple + 1);
    }
}
