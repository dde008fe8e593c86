/**
 * Directory placement: a database table maps each key to its shard, read through a cache, with a pluggable
 * {@link io.shardkit.directory.PlacementPolicy} for new keys and an API to move keys. Start from
 * {@link io.shardkit.directory.DirectoryStrategy#create} or {@code ShardingStrategies.directory(...)}; the DDL
 * ships as classpath resources described by {@link io.shardkit.directory.DirectoryDialect}.
 */
@NullMarked
package io.shardkit.directory;

import org.jspecify.annotations.NullMarked;
