/**
 * Layout fencing: each shard's database holds a small identity record (layout name, shard name, index, and a
 * fingerprint of every rule that places rows there), checked with one read per shard at start-up, so that a
 * shard whose url reaches the wrong database, or a rule whose mapping changed, never serves a call.
 * Entry point: {@link io.shardkit.layout.LayoutFence}.
 */
@NullMarked
package io.shardkit.layout;

import org.jspecify.annotations.NullMarked;
