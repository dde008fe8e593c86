package io.shardkit.strategy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.id.IdLayout;
import org.jspecify.annotations.Nullable;

/**
 * Id placement: the slot is the shard index a {@link io.shardkit.id.ShardIdGenerator} embedded in the id
 * (layout in {@link IdLayout}); no hashing, no lookup. Keys are {@code Long} or {@code Integer} ids; a negative
 * id, or one naming a shard index beyond this strategy's shard count, is an
 * {@link io.shardkit.id.InvalidIdException}. Ranges of ids cannot be pruned (the shard bits sit below the time
 * bits), so {@link #shardsFor} returns every slot.
 *
 * <p>Immutable and thread-safe; {@link #shardOf} allocates nothing.
 */
final class IdStrategy implements ShardingStrategy {

    static final String SUPPORTED = "a non-null Long or Integer id minted by ShardIdGenerator";

    private final int shards;

    IdStrategy(int shards) {
        if (shards < 1 || shards > IdLayout.MAX_SHARDS) {
            throw new IllegalArgumentException("shard count must be in [1.." + IdLayout.MAX_SHARDS + "] but was "
                    + shards);
        }
        this.shards = shards;
    }

    @Override
    public int shardCount() {
        return shards;
    }

    @Override
    public String describe() {
        return "id(" + shards + " shards)";
    }

    @Override
    public int shardOf(String rule, @Nullable Object key) {
        if (key instanceof Long l) {
            return IdLayout.shardOf(rule, l, shards);
        }
        if (key instanceof Integer i) {
            return IdLayout.shardOf(rule, i, shards);
        }
        throw new InvalidShardKeyException(rule, key, SUPPORTED);
    }
}
