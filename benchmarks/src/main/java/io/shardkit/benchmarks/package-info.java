/**
 * JMH benchmarks comparing shardkit with plain JDBC, hand-rolled Spring routing and ShardingSphere-JDBC on
 * embedded H2 shards. One sub-package per area ({@code routing}, {@code strategy}, {@code scatter},
 * {@code endtoend}); the shared shard fixtures and the peers live in {@code support}.
 */
@NullMarked
package io.shardkit.benchmarks;

import org.jspecify.annotations.NullMarked;
