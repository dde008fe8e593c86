package io.shardkit.scatter;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * A page token handed back by a client was refused: it is not one this application signed (forged or
 * altered), it was issued for another query or another shard layout, or by an incompatible token version.
 * Clients should restart paging from the first page.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class InvalidPageTokenException extends ShardingException {

    private static final long serialVersionUID = 1L;

    public InvalidPageTokenException(String rule, String reason) {
        this(rule, reason, null);
    }

    public InvalidPageTokenException(String rule, String reason, @Nullable Throwable cause) {
        super("Rule '" + rule + "': page token refused, " + reason + "; restart from the first page", rule, null,
                null, cause);
    }
}
