package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * A unit of work bound to one shard (an open transaction, or an outer routed call) tried to use a second shard.
 * Raised before any statement of the offending call runs.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class CrossShardTransactionException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String boundShard;

    public CrossShardTransactionException(@Nullable String rule, @Nullable Object key, String boundShard,
                                          String requestedShard, String where) {
        super(message(rule, key, boundShard, requestedShard, where), rule, key, requestedShard, null);
        this.boundShard = boundShard;
    }

    private static String message(@Nullable String rule, @Nullable Object key, String boundShard,
                                  String requestedShard, String where) {
        String request = rule == null
                ? "Shard '" + requestedShard + "' was requested"
                : "Rule '" + rule + "': key " + describeKey(key) + " routes to shard '" + requestedShard + "'";
        return request + " but " + where + " is already bound to shard '" + boundShard
                + "'; one unit of work may use one shard only";
    }

    /** The shard the enclosing unit of work is bound to. */
    public String getBoundShard() {
        return boundShard;
    }
}
