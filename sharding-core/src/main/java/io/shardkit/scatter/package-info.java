/**
 * Scatter-gather: run one piece of work on many shards in parallel and merge the answers so that they equal
 * what one database holding every row would return. {@link io.shardkit.scatter.ScatterGatherExecutor} fans
 * out (every shard of a rule, the shards a key range can touch, or the shards owning a set of keys),
 * {@link io.shardkit.scatter.Merges} merges, {@link io.shardkit.scatter.paging.KeysetPager} pages across shards with
 * signed keyset tokens, and {@link io.shardkit.scatter.ScatterGatherExecutor#broadcast} writes to every shard.
 */
@NullMarked
package io.shardkit.scatter;

import org.jspecify.annotations.NullMarked;
