/**
 * Cross-shard keyset paging: {@link io.shardkit.scatter.paging.KeysetPager} pages through a query's rows across
 * shards with signed, stateless page tokens holding each shard's position, so page 1,000 costs what page 1 costs.
 */
@NullMarked
package io.shardkit.scatter.paging;

import org.jspecify.annotations.NullMarked;
