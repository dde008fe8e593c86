/**
 * The shardkit order service: a Spring Boot application whose orders are sharded by customer over several
 * databases, with a shard-local transactional outbox, and the demo that drives it.
 */
@NullMarked
package io.shardkit.examples;

import org.jspecify.annotations.NullMarked;
