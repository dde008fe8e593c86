/**
 * End to end: placing an order (order, items and outbox row in one transaction) over 1 to 8 shards and 1 to 16
 * client threads, through shardkit and through plain JDBC to the right pool.
 */
@NullMarked
package io.shardkit.benchmarks.endtoend;

import org.jspecify.annotations.NullMarked;
