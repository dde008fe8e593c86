package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * A connection was asked of the routing DataSource while no shard was bound to the current thread. shardkit
 * never falls back to a silently chosen shard: route the call first ({@code @Sharded}, or
 * {@link ShardContext#bind(Shard)}). {@link #getMethod()} names the method whose transaction asked for it, when
 * that is known (a {@code @Transactional} method called with no shard bound).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class NoShardBoundException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String method;

    public NoShardBoundException(String dataSource) {
        this("No shard is bound to thread [" + Thread.currentThread().getName() + "] while getting a connection from ["
                + dataSource + "]; route the call first (@Sharded or ShardContext.bind(shard)) or configure a "
                + "default shard on purpose", null, null);
    }

    private NoShardBoundException(String message, @Nullable String method, @Nullable Throwable cause) {
        super(message, cause);
        this.method = method;
    }

    /**
     * A transaction could not begin on the routing DataSource because nothing was bound: {@code No shard is bound
     * to thread [main] while OrderService.place(Order) began its transaction; route the call first (@Sharded on
     * that method or an outer one, or ShardContext.bind(shard)) or configure a default shard on purpose}.
     *
     * @param method the method whose transaction began, e.g. {@code OrderService.place(Order)}
     * @param cause  the routing DataSource's own refusal
     */
    public static NoShardBoundException beganTransaction(String method, NoShardBoundException cause) {
        return new NoShardBoundException("No shard is bound to thread [" + Thread.currentThread().getName()
                + "] while " + method + " began its transaction; route the call first (@Sharded on that method or "
                + "an outer one, or ShardContext.bind(shard)) or configure a default shard on purpose", method, cause);
    }

    /** The method whose transaction needed a shard, or {@code null} when not known. */
    public @Nullable String getMethod() {
        return method;
    }
}
