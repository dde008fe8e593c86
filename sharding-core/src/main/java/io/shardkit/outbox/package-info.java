/**
 * Shard-local transactional outbox: {@link io.shardkit.outbox.OutboxWriter} appends an event in the caller's
 * local transaction on the shard that holds the business rows; {@link io.shardkit.outbox.OutboxRelay} publishes
 * every shard's pending events, in order, through an {@link io.shardkit.outbox.OutboxPublisher}, at least once.
 * Spring-free; the starter wires these to Spring's transactions.
 */
@NullMarked
package io.shardkit.outbox;

import org.jspecify.annotations.NullMarked;
