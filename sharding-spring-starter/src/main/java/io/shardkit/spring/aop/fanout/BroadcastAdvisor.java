package io.shardkit.spring.aop.fanout;

import io.shardkit.spring.aop.ShardkitAdvisor;

/**
 * Applies {@link BroadcastInterceptor} to {@code @Broadcast} methods, in the interceptor's order (outside the
 * transaction interceptor).
 *
 * <p>Thread-safe.
 */
public final class BroadcastAdvisor extends ShardkitAdvisor {

    private static final long serialVersionUID = 1L;

    public BroadcastAdvisor(BroadcastInterceptor interceptor) {
        super(interceptor);
    }
}
