package io.shardkit.directory;

import io.shardkit.internal.JumpHash;
import io.shardkit.internal.KeyHash;
import java.util.List;

/**
 * {@link PlacementPolicy#hash()}: the slot a hash rule with jump consistent hash over the same shards would
 * give the key ({@link KeyHash}, then {@link JumpHash}), so a hash rule can become a directory rule without
 * moving rows. Stateless and thread-safe.
 */
final class HashPlacement implements PlacementPolicy {

    static final HashPlacement INSTANCE = new HashPlacement();

    private HashPlacement() {
    }

    @Override
    public String place(String rule, Object key, List<String> shards) {
        return shards.get(JumpHash.bucket(KeyHash.of(rule, key), shards.size()));
    }

    @Override
    public String toString() {
        return "hash";
    }
}
