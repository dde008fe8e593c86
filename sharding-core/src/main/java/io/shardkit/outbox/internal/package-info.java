/** Outbox engine: the per-shard poller and the claim strategies (row locks, leases). Not API. */
@NullMarked
package io.shardkit.outbox.internal;

import org.jspecify.annotations.NullMarked;
