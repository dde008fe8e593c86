/**
 * The {@code @Sharded} method interceptor, the {@code @ScatterGather} and {@code @Broadcast} fan-out interceptors,
 * and the key resolution and rule lookup they share.
 */
@NullMarked
package io.shardkit.spring.aop;

import org.jspecify.annotations.NullMarked;
