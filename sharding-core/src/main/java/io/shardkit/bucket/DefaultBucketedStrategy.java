package io.shardkit.bucket;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.UnknownShardException;
import io.shardkit.internal.KeyHash;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one {@link BucketedStrategy}: a volatile {@link BucketMap} snapshot, swapped whole. Thread-safe.
 */
final class DefaultBucketedStrategy implements BucketedStrategy {

    private final String rule;
    private final int buckets;
    private final int mask;
    private final @Nullable JdbcBucketMapStore store;
    private volatile BucketMap map;

    DefaultBucketedStrategy(String rule, int buckets, BucketMap map, @Nullable JdbcBucketMapStore store) {
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new ShardingConfigurationException("Rule '" + rule + "': bucket count must be in [1.."
                    + MAX_BUCKETS + "] but was " + buckets);
        }
        if (map.buckets() != buckets) {
            throw new ShardingConfigurationException("Rule '" + rule + "': the bucket map has " + map.buckets()
                    + " buckets but the rule is configured with " + buckets
                    + "; the bucket count is fixed when the rule is created");
        }
        this.rule = rule;
        this.buckets = buckets;
        this.mask = Integer.bitCount(buckets) == 1 ? buckets - 1 : -1;
        this.map = map;
        this.store = store;
    }

    @Override
    public String rule() {
        return rule;
    }

    @Override
    public int buckets() {
        return buckets;
    }

    @Override
    public int shardCount() {
        return map.shardNames().size();
    }

    @Override
    public List<String> shardNames() {
        return map.shardNames();
    }

    @Override
    public String describe() {
        return "bucketed(" + buckets + " buckets, " + shardCount() + " shards)";
    }

    @Override
    public String fingerprint() {
        // Owners move and are data; the bucket count, the hash and the table decide where a key's bucket is.
        return "bucketed(buckets=" + buckets + ", hash=murmur3-x64-128, bucket=modulo, table="
                + JdbcBucketMapStore.TABLE + ")";
    }

    @Override
    public int shardOf(String rule, @Nullable Object key) {
        return map.ownerOf(bucketOfHash(KeyHash.of(rule, key)));
    }

    @Override
    public int bucketOf(String rule, @Nullable Object key) {
        return bucketOfHash(KeyHash.of(rule, key));
    }

    @Override
    public int bucketOfHash(long hash) {
        return mask >= 0 ? (int) (hash & mask) : (int) Long.remainderUnsigned(hash, buckets);
    }

    @Override
    public BucketMap map() {
        return map;
    }

    @Override
    public void refresh() {
        if (store != null) {
            install(store.load());
        }
    }

    @Override
    public synchronized boolean learn(int bucket, String owner, long epoch) {
        BucketMap current = map;
        if (epoch <= current.epochOf(bucket)) {
            return false;
        }
        int slot = current.shardNames().indexOf(owner);
        if (slot < 0) {
            throw new UnknownShardException(rule, owner, current.shardNames());
        }
        map = current.with(bucket, slot, epoch);
        return true;
    }

    private synchronized void install(BucketMap loaded) {
        BucketMap current = map;
        // Per bucket, the newer epoch wins: a learn() that raced the load is not undone.
        BucketMap merged = loaded;
        for (int b = 0; b < buckets; b++) {
            if (current.epochOf(b) > merged.epochOf(b)) {
                merged = merged.with(b, current.ownerOf(b), current.epochOf(b));
            }
        }
        map = merged;
    }

    @Override
    public String toString() {
        return describe() + " " + map;
    }
}
