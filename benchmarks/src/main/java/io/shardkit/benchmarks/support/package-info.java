/**
 * Fixtures shared by the benchmarks: embedded H2 shards with a seeded order table, and the four peers that
 * route a call to the shard of its key (direct JDBC, shardkit, hand-rolled Spring routing, ShardingSphere-JDBC),
 * all placing keys with shardkit's hash strategy so that they read and write the same rows.
 */
@NullMarked
package io.shardkit.benchmarks.support;

import org.jspecify.annotations.NullMarked;
