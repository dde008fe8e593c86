/** Spring Data JDBC on shards: aggregates that carry a shard key are checked before they are written. */
@NullMarked
package io.shardkit.spring.jdbc;

import org.jspecify.annotations.NullMarked;
