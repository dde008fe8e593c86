/** Actuator support: a health indicator per shard and the {@code shardkit} endpoint. */
@NullMarked
package io.shardkit.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
