/**
 * shardkit's public API: the shard registry, rules, the shard context and the exception hierarchy.
 * Strategies live in {@code io.shardkit.strategy}, the routing DataSource in {@code io.shardkit.routing}.
 */
@NullMarked
package io.shardkit;

import org.jspecify.annotations.NullMarked;
