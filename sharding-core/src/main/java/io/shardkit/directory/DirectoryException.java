package io.shardkit.directory;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * The directory table could not answer: a statement failed for a reason other than the database being
 * unreachable (which is an {@link io.shardkit.ShardUnavailableException}). Names the rule and key being routed,
 * the table and the shard that hosts it ({@link #getShard()}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class DirectoryException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String table;

    /**
     * @param rule   the rule being routed, or {@code null} for a direct call such as a move
     * @param key    the key being routed or moved
     * @param table  the directory table
     * @param shard  the shard hosting the table
     * @param detail what went wrong
     * @param cause  the database error, if any
     */
    public DirectoryException(@Nullable String rule, @Nullable Object key, String table, String shard, String detail,
                              @Nullable Throwable cause) {
        super((rule == null ? "" : "Rule '" + rule + "': ") + "directory table '" + table + "' on shard '" + shard
                + "' failed for key " + describeKey(key) + ": " + detail, rule, key, shard, cause);
        this.table = table;
    }

    /** The directory table. */
    public String getTable() {
        return table;
    }
}
