/**
 * Strategies: the cost of mapping one key to a shard slot, and what it allocates, beside a plain modulo.
 */
@NullMarked
package io.shardkit.benchmarks.strategy;

import org.jspecify.annotations.NullMarked;
