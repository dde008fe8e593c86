package io.shardkit.spring.aop.fanout;

import io.shardkit.spring.aop.ShardkitAdvisor;

/**
 * Applies {@link ScatterGatherInterceptor} to {@code @ScatterGather} methods, in the interceptor's order (outside
 * the transaction interceptor).
 *
 * <p>Thread-safe.
 */
public final class ScatterGatherAdvisor extends ShardkitAdvisor {

    private static final long serialVersionUID = 1L;

    public ScatterGatherAdvisor(ScatterGatherInterceptor interceptor) {
        super(interceptor);
    }
}
