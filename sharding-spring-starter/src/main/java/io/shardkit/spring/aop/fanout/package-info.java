/**
 * The fan-out advice: {@code @ScatterGather} ({@link io.shardkit.spring.aop.fanout.ScatterGatherInterceptor}) and
 * {@code @Broadcast} ({@link io.shardkit.spring.aop.fanout.BroadcastInterceptor}) run a method on many shards
 * through core's {@code ScatterGatherExecutor} and merge the shards' results by return type with core's
 * {@code Merges}. Builds on the shared part in {@code io.shardkit.spring.aop}.
 */
@NullMarked
package io.shardkit.spring.aop.fanout;

import org.jspecify.annotations.NullMarked;
