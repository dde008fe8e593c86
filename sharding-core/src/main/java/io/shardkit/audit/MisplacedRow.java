package io.shardkit.audit;

import org.jspecify.annotations.Nullable;

/**
 * A row found on one shard whose key the rule routes to another. Immutable and thread-safe.
 *
 * @param foundOn   the shard the row sits on
 * @param belongsOn the shard the rule routes its key to
 * @param key       the row's shard key
 * @param id        the row's id, or {@code null} when the audit reads no id column
 */
public record MisplacedRow(String foundOn, String belongsOn, Object key, @Nullable Object id) {
}
