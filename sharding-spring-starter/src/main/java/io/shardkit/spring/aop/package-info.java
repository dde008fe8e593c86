/**
 * The {@code @Sharded} method interceptor, and the key resolution and rule lookup it shares with other shardkit
 * interceptors.
 */
@NullMarked
package io.shardkit.spring.aop;

import org.jspecify.annotations.NullMarked;
