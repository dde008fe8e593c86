package io.shardkit.outbox;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * An outbox operation failed: an event could not be appended, or a shard's outbox could not be read or marked.
 * {@link #getShard()} names the shard when it is known.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class OutboxException extends ShardingException {

    private static final long serialVersionUID = 1L;

    public OutboxException(@Nullable String shard, String message, @Nullable Throwable cause) {
        super(shard == null ? "Outbox: " + message : "Outbox of shard '" + shard + "': " + message,
                null, null, shard, cause);
    }

    /** For subclasses whose message is complete as given and that carry the key involved. */
    protected OutboxException(String message, @Nullable Object key, @Nullable String shard,
                              @Nullable Throwable cause) {
        super(message, null, key, shard, cause);
    }
}
