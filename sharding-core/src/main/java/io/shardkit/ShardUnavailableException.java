package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * A shard could not hand out a connection (down, unreachable, or its pool exhausted within the connection
 * timeout). Fails only the callers routed to that shard.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardUnavailableException extends ShardingException {

    private static final long serialVersionUID = 1L;

    public ShardUnavailableException(String shard, String detail, @Nullable Throwable cause) {
        super("Shard '" + shard + "' is unavailable: " + detail, null, null, shard, cause);
    }
}
