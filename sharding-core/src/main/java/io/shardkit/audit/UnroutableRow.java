package io.shardkit.audit;

import org.jspecify.annotations.Nullable;

/**
 * A row whose key the rule cannot place at all (a {@code NULL} key, a type the strategy does not take, a value
 * outside every range). Immutable and thread-safe.
 *
 * @param foundOn the shard the row sits on
 * @param key     the row's shard key as read, possibly {@code null}
 * @param id      the row's id, or {@code null} when the audit reads no id column
 * @param reason  why the rule refused the key (the message of its {@link io.shardkit.ShardingException})
 */
public record UnroutableRow(String foundOn, @Nullable Object key, @Nullable Object id, String reason) {
}
