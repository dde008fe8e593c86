package io.shardkit.strategy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.bucket.BucketIdRouting;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.id.IdLayout;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Id placement for a bucketed rule: the id's shard field holds the bucket it was minted for
 * ({@link io.shardkit.id.ShardIdGenerator#nextIdFor} with a bucketed rule), and the bucket map names the shard
 * that owns that bucket now. An id therefore follows its bucket across moves, as Instagram's ids carry their
 * logical shard.
 *
 * <p>Thread-safe; {@link #shardOf} allocates nothing.
 */
final class BucketIdStrategy implements BucketIdRouting {

    private final BucketedStrategy buckets;
    private final IdLayout layout;

    BucketIdStrategy(BucketedStrategy buckets, IdLayout layout) {
        if (buckets.buckets() > layout.maxShards()) {
            throw new ShardingConfigurationException("bucketed id strategy: " + buckets.buckets()
                    + " buckets do not fit the id layout's " + layout.shardBits() + " shard bits ("
                    + layout.maxShards() + "); use at least " + (32 - Integer.numberOfLeadingZeros(
                    buckets.buckets() - 1)) + " shard bits");
        }
        this.buckets = buckets;
        this.layout = layout;
    }

    @Override
    public List<String> shardNames() {
        return buckets.shardNames();
    }

    @Override
    public int shardCount() {
        return buckets.shardCount();
    }

    @Override
    public String describe() {
        return "bucketed-id(" + buckets.buckets() + " buckets, " + shardCount() + " shards)";
    }

    @Override
    public String fingerprint() {
        return "bucketed-id(shardBits=" + layout.shardBits() + ", nodeBits=" + layout.nodeBits() + ", sequenceBits="
                + layout.sequenceBits() + ", epoch=" + layout.epoch() + ", " + buckets.fingerprint() + ")";
    }

    @Override
    public BucketedStrategy buckets() {
        return buckets;
    }

    @Override
    public int shardOf(String rule, @Nullable Object key) {
        return buckets.map().ownerOf(bucketOfId(rule, key));
    }

    @Override
    public int bucketOfId(String rule, @Nullable Object key) {
        long id;
        if (key instanceof Long l) {
            id = l;
        } else if (key instanceof Integer i) {
            id = i;
        } else {
            throw InvalidShardKeyException.unsupported(rule, key, IdStrategy.SUPPORTED);
        }
        return layout.shardOf(rule, id, buckets.buckets());
    }
}
