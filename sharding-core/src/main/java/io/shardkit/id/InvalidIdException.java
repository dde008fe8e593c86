package io.shardkit.id;

import io.shardkit.InvalidShardKeyException;
import org.jspecify.annotations.Nullable;

/**
 * A value that cannot be a shardkit id: negative, or naming a shard index beyond the rule's shard count (an id
 * minted for another rule, or not by shardkit at all). {@link #getKey()} is the id.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidIdException extends InvalidShardKeyException {

    private static final long serialVersionUID = 1L;

    private final long id;

    private InvalidIdException(@Nullable String rule, long id, String problem, @Nullable String source,
                               @Nullable Throwable cause) {
        super(rule, id, "id [" + id + "]", problem, problem, source, cause);
        this.id = id;
    }

    static InvalidIdException negative(@Nullable String rule, long id, @Nullable IdLayout layout) {
        return new InvalidIdException(rule, id, "is negative; shardkit ids are positive longs"
                + (layout == null ? "" : " (" + layout.describeBits() + ")"), null, null);
    }

    static InvalidIdException shardOutOfRange(String rule, long id, int shard, int shardCount) {
        return new InvalidIdException(rule, id, "names shard index " + shard + " but the rule has " + shardCount
                + " shards (indexes 0.." + (shardCount - 1) + "); was it minted for another rule?", null, null);
    }

    @Override
    public InvalidIdException from(String source) {
        return new InvalidIdException(getRule(), id, problem(), source, this);
    }

    /** The offending id. */
    public long getId() {
        return id;
    }
}
