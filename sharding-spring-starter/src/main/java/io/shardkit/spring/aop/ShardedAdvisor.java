package io.shardkit.spring.aop;

/**
 * Applies {@link ShardedMethodInterceptor} to {@code @Sharded} methods and classes, in the interceptor's order.
 *
 * <p>Thread-safe.
 */
public final class ShardedAdvisor extends ShardkitAdvisor {

    private static final long serialVersionUID = 1L;

    public ShardedAdvisor(ShardedMethodInterceptor interceptor) {
        super(interceptor);
    }
}
