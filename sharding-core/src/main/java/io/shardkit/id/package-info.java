/**
 * Shard-aware ids: {@link io.shardkit.id.ShardIdGenerator} mints 64-bit ids that embed their shard index
 * (layout in {@link io.shardkit.id.IdLayout}), and {@code ShardingStrategies.id(n)} routes them back without any
 * lookup.
 */
@NullMarked
package io.shardkit.id;

import org.jspecify.annotations.NullMarked;
