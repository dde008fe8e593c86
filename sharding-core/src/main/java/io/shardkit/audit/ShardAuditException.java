package io.shardkit.audit;

import io.shardkit.ShardingException;

/**
 * An audit could not read a shard's table: the table or a column is missing, or the query failed. A shard
 * that cannot hand out a connection at all is a {@link io.shardkit.ShardUnavailableException} instead.
 * Instances are immutable and thread-safe.
 */
public class ShardAuditException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String table;

    public ShardAuditException(String rule, String shard, String table, String detail, Throwable cause) {
        super("Rule '" + rule + "': audit of table [" + table + "] on shard '" + shard + "' failed: " + detail,
                rule, null, shard, cause);
        this.table = table;
    }

    /** The table being audited. */
    public String getTable() {
        return table;
    }
}
