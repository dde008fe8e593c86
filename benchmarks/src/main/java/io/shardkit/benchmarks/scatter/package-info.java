/**
 * Scatter-gather: fan-out latency against one call of the same delay, the k-way ordered merge against sorting
 * the concatenation, and a top-N query across shards through shardkit and through ShardingSphere-JDBC.
 */
@NullMarked
package io.shardkit.benchmarks.scatter;

import org.jspecify.annotations.NullMarked;
