/**
 * Spring wiring of the core's shard-local transactional outbox: the {@code @Transactional} connection hook, the
 * relay's lifecycle and the schema initializer.
 */
@NullMarked
package io.shardkit.spring.outbox;

import org.jspecify.annotations.NullMarked;
