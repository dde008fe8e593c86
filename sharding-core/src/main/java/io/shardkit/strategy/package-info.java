/**
 * Sharding strategies behind one SPI, {@link io.shardkit.strategy.ShardingStrategy}, created through the
 * {@link io.shardkit.strategy.ShardingStrategies} facade.
 */
@NullMarked
package io.shardkit.strategy;

import org.jspecify.annotations.NullMarked;
