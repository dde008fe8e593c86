/**
 * Online resharding of bucketed rules: {@link io.shardkit.reshard.Resharder} moves buckets between shards while
 * writes continue (copy, catch-up from the move journal, a per-bucket fence for the cutover, verify, flip, cleanup),
 * plans even expansions, resumes or rolls back a move that stopped; {@link io.shardkit.reshard.BucketDiff} compares a
 * bucket's rows on two shards on its own. See {@code docs/resharding.md}.
 */
@NullMarked
package io.shardkit.reshard;

import org.jspecify.annotations.NullMarked;
