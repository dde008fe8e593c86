/**
 * Resharding: how fast the mover copies a bucket's rows, as a measured run beside its baseline (the same rows
 * written with plain batched inserts).
 */
@NullMarked
package io.shardkit.benchmarks.reshard;

import org.jspecify.annotations.NullMarked;
