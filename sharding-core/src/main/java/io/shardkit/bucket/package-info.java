/**
 * Bucketed placement: keys hash into a fixed number of buckets, and a versioned bucket map, stored on every shard,
 * says which shard owns each bucket. Buckets move between shards while writes continue
 * ({@code io.shardkit.reshard.Resharder}); writers take their bucket's fence through {@link io.shardkit.bucket.BucketWrites}.
 * Start from {@code ShardingStrategies.bucketed(...)}; the DDL ships as classpath resources described by
 * {@link io.shardkit.bucket.BucketDialect}.
 */
@NullMarked
package io.shardkit.bucket;

import org.jspecify.annotations.NullMarked;
