/**
 * Hibernate on shards: each shard is a Hibernate tenant (its multi-tenancy SPI), so sessions, the second-level
 * cache and pooled id generators keep shards apart, and entities that carry a shard key are checked before they are
 * written.
 */
@NullMarked
package io.shardkit.spring.jpa;

import org.jspecify.annotations.NullMarked;
