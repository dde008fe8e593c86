/**
 * The advice layer's shared part and the routing of one call: {@code @Sharded}
 * ({@link io.shardkit.spring.aop.ShardedMethodInterceptor}), the {@link io.shardkit.spring.aop.MethodRouting}
 * (rule and key lookup) that the fan-out advice in {@code io.shardkit.spring.aop.fanout} uses too, the
 * interceptor and advisor bases of all three annotations, and the start-up check of every annotated method.
 */
@NullMarked
package io.shardkit.spring.aop;

import org.jspecify.annotations.NullMarked;
