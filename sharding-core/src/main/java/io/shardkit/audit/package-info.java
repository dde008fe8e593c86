/**
 * Tools that check data already written against the sharding rules: {@link io.shardkit.audit.ShardAudit} reads a
 * table on every shard of a rule and reports rows that sit on the wrong shard, ids stored twice, and per-shard
 * counts.
 */
@NullMarked
package io.shardkit.audit;

import org.jspecify.annotations.NullMarked;
