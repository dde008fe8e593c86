package io.shardkit.spring.aop;

import io.shardkit.Shard;
import org.jspecify.annotations.Nullable;

/**
 * One shard's result of a fan-out method, with the shard it came from, so that merge errors can name it.
 *
 * <p>Immutable; thread-safe as far as the value is.
 *
 * @param shard the shard that returned it
 * @param value what the method returned there (already unwrapped from a {@code ScatterResult})
 */
record ShardPart(Shard shard, @Nullable Object value) {
}
