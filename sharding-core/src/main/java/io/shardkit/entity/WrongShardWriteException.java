package io.shardkit.entity;

import io.shardkit.ShardingException;

/**
 * An entity was about to be inserted or updated on a shard its own shard key does not route to, e.g. a
 * {@code @Sharded} service method for customer A calling a plain repository's {@code save(orderOfB)}. Raised before
 * the row is written; the transaction it was part of rolls back.
 *
 * <p>{@link #getShard()} is the shard the key routes to, {@link #getTargetShard()} the shard the write would have
 * gone to. Instances are immutable and thread-safe.
 */
public class WrongShardWriteException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String targetShard;
    private final String entityType;

    private WrongShardWriteException(String message, String rule, Object key, String keyShard, String targetShard,
                                     String entityType) {
        super(message, rule, key, keyShard, null);
        this.targetShard = targetShard;
        this.entityType = entityType;
    }

    /** An entity of {@code type} whose key, read from {@code property}, routes elsewhere than the write. */
    public static WrongShardWriteException entity(String rule, Class<?> type, String property, Object key,
                                                  String keyShard, String targetShard) {
        return new WrongShardWriteException("Rule '" + rule + "': entity [" + type.getName() + "] has key "
                + describeKey(key) + " (" + property + ") routing to shard '" + keyShard + "' but is written on shard '"
                + targetShard + "'; save it in a call routed by its own key", rule, key, keyShard, targetShard,
                type.getName());
    }

    /** A key checked by code of its own ({@link ShardGuard#checkKey}) that routes elsewhere than the bound shard. */
    public static WrongShardWriteException key(String rule, Object key, String keyShard, String targetShard) {
        return new WrongShardWriteException("Rule '" + rule + "': key " + describeKey(key) + " routes to shard '"
                + keyShard + "' but the write runs on shard '" + targetShard + "'; route the call by this key",
                rule, key, keyShard, targetShard, "");
    }

    /** The shard the write would have gone to (the bound shard, or the session's). */
    public String getTargetShard() {
        return targetShard;
    }

    /** The entity's class name; empty for a key checked on its own. */
    public String getEntityType() {
        return entityType;
    }
}
