package io.shardkit.scatter.paging;

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

    private InvalidPageTokenException(String rule, String reason, @Nullable Throwable cause) {
        super("Rule '" + rule + "': page token refused, " + reason + "; restart from the first page", rule, null,
                null, cause);
    }

    /** The token is not Base64URL text. */
    public static InvalidPageTokenException notBase64(String rule, Throwable cause) {
        return new InvalidPageTokenException(rule, "it is not Base64URL", cause);
    }

    /** The token is of a version this pager does not read. */
    public static InvalidPageTokenException unsupportedVersion(String rule, int version, int expected) {
        return new InvalidPageTokenException(rule, "token version " + version + " is not supported (expected "
                + expected + ")", null);
    }

    /** The token's signature is not this application's: forged, altered, or signed under another secret. */
    public static InvalidPageTokenException forged(String rule) {
        return new InvalidPageTokenException(rule, "it was not issued by this application (signature mismatch)",
                null);
    }

    /** The token was issued for another query or another shard layout. */
    public static InvalidPageTokenException foreign(String rule) {
        return new InvalidPageTokenException(rule, "it was issued for another query or shard layout", null);
    }

    /** The token holds positions for another number of shards. */
    public static InvalidPageTokenException shardCount(String rule, int positions, int shards) {
        return new InvalidPageTokenException(rule, "it holds " + positions + " shard positions, the rule has "
                + shards + " shards", null);
    }

    /** The token has bytes after its last position. */
    public static InvalidPageTokenException trailingBytes(String rule) {
        return new InvalidPageTokenException(rule, "it has trailing bytes", null);
    }

    /** The token is ours but its sort keys cannot be read: written by an incompatible sort key codec. */
    public static InvalidPageTokenException unreadable(String rule, Throwable cause) {
        return new InvalidPageTokenException(rule, "its sort keys cannot be read by this codec", cause);
    }
}
