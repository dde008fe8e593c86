package io.shardkit.spring.aop;

import org.jspecify.annotations.Nullable;

/**
 * Extracts the shard key from the arguments of one method's calls: a SpEL expression ({@code "#order.customerId"})
 * or the {@link io.shardkit.annotation.ShardKey} parameter with its optional property path. Built once per method
 * by {@link MethodRouting}; everything it parses or looks up reflectively is cached, so a call
 * allocates little and looks nothing up twice.
 *
 * <p>Implementations are immutable and thread-safe.
 */
interface ShardKeyResolver {

    /**
     * The key of one call; {@code null} when the expression yields null (the caller decides whether that is an
     * error).
     *
     * @throws io.shardkit.ShardKeyResolutionException when the expression cannot be evaluated on these arguments
     */
    @Nullable Object resolve(Object[] arguments);

    /** The key expression as written, for messages: {@code #order.customerId} or {@code @ShardKey("id") order}. */
    String expression();

    /**
     * The index of the {@code @ShardKey} parameter when the key is that whole argument (no property path, no SpEL),
     * so that a scatter-gather can replace it with each shard's own keys; {@code -1} otherwise.
     */
    int parameterIndex();
}
