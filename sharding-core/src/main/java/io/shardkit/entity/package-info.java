/**
 * Rows that carry their key are checked: an entity declares its shard key ({@link io.shardkit.annotation.ShardKey}
 * on a field or record component, or {@link io.shardkit.entity.EntityShardKeys.Builder#entity by configuration}),
 * and {@link io.shardkit.entity.ShardGuard} refuses a write of it on a shard its key does not route to.
 */
@NullMarked
package io.shardkit.entity;

import org.jspecify.annotations.NullMarked;
