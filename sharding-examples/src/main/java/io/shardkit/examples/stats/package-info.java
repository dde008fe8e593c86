/** Per-shard and total figures, gathered from every shard in parallel by shardkit's {@code @ScatterGather}. */
@NullMarked
package io.shardkit.examples.stats;

import org.jspecify.annotations.NullMarked;
