/**
 * Shard-aware ids: {@link io.shardkit.id.ShardIdGenerator} mints 64-bit ids that embed their shard index and,
 * in a layout with node bits, the minting node (layout in {@link io.shardkit.id.IdLayout}, built with
 * {@link io.shardkit.id.IdLayoutBuilder}), and {@code ShardingStrategies.id(n, layout)} routes them back without
 * any lookup. Several nodes minting for the same shard need a layout with node bits and distinct node ids.
 */
@NullMarked
package io.shardkit.id;

import org.jspecify.annotations.NullMarked;
