package io.shardkit;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * A shard name (from a rule, a directory row or a caller) that the shard registry does not hold.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class UnknownShardException extends ShardingException {

    private static final long serialVersionUID = 1L;

    public UnknownShardException(@Nullable String rule, String shard, Collection<String> knownShards) {
        super((rule == null ? "" : "Rule '" + rule + "': ") + "unknown shard '" + shard + "'; known shards are "
                + knownShards, rule, null, shard, null);
    }

    public UnknownShardException(String rule, @Nullable Object key, String shard, Collection<String> knownShards) {
        super("Rule '" + rule + "': key " + describeKey(key) + " maps to unknown shard '" + shard
                + "'; known shards are " + knownShards, rule, key, shard, null);
    }
}
