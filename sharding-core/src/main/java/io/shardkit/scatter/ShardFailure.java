package io.shardkit.scatter;

import io.shardkit.Shard;
import java.util.Objects;

/**
 * A shard that failed in a scatter-gather and why: a {@link ShardTimeoutException}, a
 * {@link ShardCircuitOpenException}, or whatever the shard's call threw.
 *
 * <p>Immutable; thread-safe as far as the cause is.
 *
 * @param shard the shard
 * @param cause why it failed
 */
public record ShardFailure(Shard shard, Throwable cause) {

    public ShardFailure {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(cause, "cause");
    }
}
