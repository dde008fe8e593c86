package io.shardkit.strategy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingStrategy;
import io.shardkit.id.IdLayout;
import org.jspecify.annotations.Nullable;

/**
 * Id placement: the slot is the shard index a {@link io.shardkit.id.ShardIdGenerator} embedded in the id, read
 * with the {@link IdLayout} the ids were minted with; no hashing, no lookup. Keys are {@code Long} or
 * {@code Integer} ids; a negative id, or one naming a shard index beyond this strategy's shard count, is an
 * {@link io.shardkit.id.InvalidIdException}. Ranges of ids cannot be pruned (the shard bits sit below the time
 * bits), so {@link #shardsFor} returns every slot.
 *
 * <p>Immutable and thread-safe; {@link #shardOf} allocates nothing.
 */
final class IdStrategy implements ShardingStrategy {

    static final String SUPPORTED = "a non-null Long or Integer id minted by ShardIdGenerator";

    private final int shards;
    private final IdLayout layout;

    IdStrategy(int shards, IdLayout layout) {
        if (shards < 1 || shards > layout.maxShards()) {
            throw new ShardingConfigurationException("id strategy shard count must be in [1.." + layout.maxShards()
                    + "] (" + layout.shardBits() + " shard bits) but was " + shards);
        }
        this.shards = shards;
        this.layout = layout;
    }

    @Override
    public int shardCount() {
        return shards;
    }

    @Override
    public String describe() {
        // The default layout keeps its historical description; a custom one is named, as it decides the mapping.
        String custom = layout.equals(IdLayout.DEFAULT) ? "" : ", " + layout;
        return "id(" + shards + " shards" + custom + ")";
    }

    @Override
    public String fingerprint() {
        // Only the shard field decides the slot; the epoch and the other fields are named so that a layout that
        // mints different ids cannot pass for this one.
        return "id(slots=" + shards + ", shardBits=" + layout.shardBits() + ", nodeBits=" + layout.nodeBits()
                + ", sequenceBits=" + layout.sequenceBits() + ", epoch=" + layout.epoch() + ")";
    }

    @Override
    public int shardOf(String rule, @Nullable Object key) {
        if (key instanceof Long l) {
            return layout.shardOf(rule, l, shards);
        }
        if (key instanceof Integer i) {
            return layout.shardOf(rule, i, shards);
        }
        throw InvalidShardKeyException.unsupported(rule, key, SUPPORTED);
    }
}
