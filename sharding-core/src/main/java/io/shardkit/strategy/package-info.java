/**
 * Sharding strategies behind one SPI, {@link io.shardkit.ShardingStrategy} (in the root package), created through the
 * {@link io.shardkit.strategy.ShardingStrategies} facade.
 */
@NullMarked
package io.shardkit.strategy;

import org.jspecify.annotations.NullMarked;
