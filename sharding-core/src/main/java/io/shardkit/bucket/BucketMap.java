package io.shardkit.bucket;

import io.shardkit.ShardingConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One version of a bucketed rule's bucket map: for each bucket {@code 0 .. buckets()-1}, the slot of the shard
 * that owns it (an index into {@link #shardNames()}) and the epoch of the move that gave it that owner. The map's
 * {@link #epoch()} is the highest bucket epoch: every move raises it by one.
 *
 * <p>Immutable and thread-safe: a strategy swaps whole snapshots, so a caller that holds one (a scatter-gather
 * query, see {@link #owns}) sees one consistent ownership for its whole run. {@link #ownerOf} is an array read.
 */
public final class BucketMap {

    private final List<String> shardNames;
    private final int[] owners;
    private final long[] epochs;
    private final long epoch;

    private BucketMap(List<String> shardNames, int[] owners, long[] epochs) {
        this.shardNames = List.copyOf(shardNames);
        this.owners = owners;
        this.epochs = epochs;
        long max = 0;
        for (long e : epochs) {
            max = Math.max(max, e);
        }
        this.epoch = max;
    }

    /**
     * The map a rule starts from when no shard holds one: bucket {@code b} on slot {@code b % shardCount}, epoch 0.
     * A persisted contract, pinned by a golden test. When {@code shardCount} divides {@code buckets}, keys land
     * where {@code hash(shardCount, MODULO)} puts them, so such a hash rule becomes bucketed without moving a row.
     *
     * @param shardNames the rule's shards, slot 0 first
     * @param buckets    the bucket count
     * @param seedShards how many of the first shards receive buckets (the rule's shard count when it was created)
     */
    public static BucketMap seed(List<String> shardNames, int buckets, int seedShards) {
        Objects.requireNonNull(shardNames, "shardNames");
        if (seedShards < 1 || seedShards > shardNames.size()) {
            throw new ShardingConfigurationException("bucket map seed: shard count must be in [1.."
                    + shardNames.size() + "] but was " + seedShards);
        }
        int[] owners = new int[buckets];
        for (int b = 0; b < buckets; b++) {
            owners[b] = b % seedShards;
        }
        return new BucketMap(shardNames, owners, new long[buckets]);
    }

    /** A map with the given owners (slots) and epochs per bucket; both arrays are copied. */
    public static BucketMap of(List<String> shardNames, int[] owners, long[] epochs) {
        if (owners.length != epochs.length || owners.length == 0) {
            throw new ShardingConfigurationException("bucket map: " + owners.length + " owners for "
                    + epochs.length + " epochs");
        }
        for (int owner : owners) {
            if (owner < 0 || owner >= shardNames.size()) {
                throw new ShardingConfigurationException("bucket map: owner slot " + owner + " is not one of "
                        + shardNames.size() + " shards " + shardNames);
            }
        }
        return new BucketMap(shardNames, owners.clone(), epochs.clone());
    }

    /** The same map with bucket {@code bucket} owned by {@code slot} at {@code bucketEpoch}. */
    public BucketMap with(int bucket, int slot, long bucketEpoch) {
        int[] o = owners.clone();
        long[] e = epochs.clone();
        o[bucket] = slot;
        e[bucket] = bucketEpoch;
        return new BucketMap(shardNames, o, e);
    }

    /** The number of buckets. */
    public int buckets() {
        return owners.length;
    }

    /** The shards the slots stand for, slot 0 first. */
    public List<String> shardNames() {
        return shardNames;
    }

    /** The highest bucket epoch: 0 for a seeded map, raised by one by every move. */
    public long epoch() {
        return epoch;
    }

    /** The slot owning {@code bucket}. */
    public int ownerOf(int bucket) {
        return owners[bucket];
    }

    /** The name of the shard owning {@code bucket}. */
    public String ownerName(int bucket) {
        return shardNames.get(owners[bucket]);
    }

    /** The epoch at which {@code bucket} got its owner. */
    public long epochOf(int bucket) {
        return epochs[bucket];
    }

    /** Whether shard {@code slot} owns {@code bucket} in this snapshot: the ownership filter of a scatter query. */
    public boolean owns(int slot, int bucket) {
        return owners[bucket] == slot;
    }

    /** The buckets {@code slot} owns, ascending. */
    public List<Integer> bucketsOf(int slot) {
        List<Integer> result = new ArrayList<>();
        for (int b = 0; b < owners.length; b++) {
            if (owners[b] == slot) {
                result.add(b);
            }
        }
        return result;
    }

    /** How many buckets each slot owns, slot 0 first. */
    public int[] counts() {
        int[] counts = new int[shardNames.size()];
        for (int owner : owners) {
            counts[owner]++;
        }
        return counts;
    }

    /** A copy of the owners array, bucket 0 first. */
    public int[] owners() {
        return owners.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BucketMap m && shardNames.equals(m.shardNames) && Arrays.equals(owners, m.owners)
                && Arrays.equals(epochs, m.epochs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardNames, Arrays.hashCode(owners), Arrays.hashCode(epochs));
    }

    @Override
    public String toString() {
        return "BucketMap[" + owners.length + " buckets, epoch " + epoch + ", per shard "
                + Arrays.toString(counts()) + " over " + shardNames + "]";
    }
}
