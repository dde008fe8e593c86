package io.shardkit;

import java.util.List;

/**
 * The keys of one shard slot, in the order the caller gave them.
 *
 * @param shard the slot (index into the rule's shard list)
 * @param keys  the keys, unmodifiable, never empty
 */
public record KeyGroup<K>(int shard, List<K> keys) {
}
