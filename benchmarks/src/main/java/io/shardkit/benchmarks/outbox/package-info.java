/**
 * The outbox relay draining a backlog of events from 4 H2 shards to an in-memory publisher, beside a hand-written
 * poll-and-mark loop over the same tables.
 */
@NullMarked
package io.shardkit.benchmarks.outbox;

import org.jspecify.annotations.NullMarked;
