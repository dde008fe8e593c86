/**
 * Schemas on every shard: {@code spring.sql.init} scripts, Flyway and Liquibase run once per shard, in shard order,
 * each shard with its own migration history.
 */
@NullMarked
package io.shardkit.spring.schema;

import org.jspecify.annotations.NullMarked;
