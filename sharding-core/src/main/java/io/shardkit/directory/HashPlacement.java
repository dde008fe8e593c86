package io.shardkit.directory;

import io.shardkit.strategy.ShardingStrategies;
import java.util.List;

/**
 * {@link PlacementPolicy#hash()}. Builds the hash strategy per call: placement runs once per new key, next to a
 * database round trip, so the tiny allocation does not matter. Stateless and thread-safe.
 */
final class HashPlacement implements PlacementPolicy {

    static final HashPlacement INSTANCE = new HashPlacement();

    private HashPlacement() {
    }

    @Override
    public String place(String rule, Object key, List<String> shards) {
        return shards.get(ShardingStrategies.hash(shards.size()).shardOf(rule, key));
    }

    @Override
    public String toString() {
        return "hash";
    }
}
