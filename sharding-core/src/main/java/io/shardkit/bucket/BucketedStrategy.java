package io.shardkit.bucket;

import io.shardkit.NamedShardingStrategy;
import io.shardkit.Shard;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Bucketed placement: the key's stable hash (murmur3 x64 128 over its canonical bytes, as the hash rules use)
 * picks one of {@link #buckets()} buckets by unsigned modulo, and the current {@link BucketMap} names the shard
 * that owns the bucket. The bucket count is fixed when the rule is created; the map is data, stored on every shard
 * in {@code shardkit_bucket_map}, cached here, and changed only by a move ({@code io.shardkit.reshard.Resharder}).
 * Growth moves whole buckets and never rehashes a key.
 *
 * <p><b>Mapping contract.</b> key to bucket is pinned by golden tests, like the hash rules. The seed map (bucket
 * {@code b} on slot {@code b % n}) too: see {@link BucketMap#seed}. The {@link #fingerprint()} names the bucket count,
 * the hash and the table, not the owners, which move.
 *
 * <p><b>Staleness.</b> Another instance's move reaches this cache when {@link #refresh()} re-reads the tables, or
 * when a write refused by the old owner ({@link BucketMovedException}) teaches it the new owner
 * ({@link #learn}). Writes never land on a stale owner: the old owner refuses them in the database (see
 * {@link BucketWrites}). Reads through a stale map see the old owner's copy until the source is cleaned up.
 *
 * <p>Thread-safe; {@link #shardOf} reads one volatile snapshot and allocates nothing for numeric and UUID keys.
 */
public interface BucketedStrategy extends NamedShardingStrategy {

    /**
     * Default bucket count: 1024. It fits the 10 shard bits of {@link io.shardkit.id.IdLayout#DEFAULT}, so ids
     * carry the bucket with no change of id layout; it gives 128 buckets per shard at 8 shards and 16 at 64, so a
     * move is a small slice and a plan can stay even; and a map of 1024 rows is read in one query.
     */
    int DEFAULT_BUCKETS = 1024;
    /** Most buckets: 65,536, what {@link io.shardkit.id.IdLayout#MAX_SHARD_BITS} can carry in an id. */
    int MAX_BUCKETS = 65_536;

    /**
     * A bucketed strategy for rule {@code rule} over {@code shards} (slot 0 first) whose map lives in the bucket
     * tables of those shards: created if missing, seeded over all {@code shards} when no shard holds a map yet, and
     * copied to shards that lack it (shards added for a move).
     */
    static BucketedStrategy create(String rule, List<Shard> shards, int buckets) {
        return create(rule, shards, buckets, shards.size());
    }

    /**
     * As {@link #create(String, List, int)}, seeding only the first {@code seedShards} shards when no map exists.
     */
    static BucketedStrategy create(String rule, List<Shard> shards, int buckets, int seedShards) {
        Objects.requireNonNull(rule, "rule");
        JdbcBucketMapStore store = new JdbcBucketMapStore(rule, shards, buckets, seedShards);
        return new DefaultBucketedStrategy(rule, buckets, store.load(), store);
    }

    /** A strategy over a fixed map held in memory only (tests, benchmarks, audits of a given map). */
    static BucketedStrategy inMemory(String rule, BucketMap map) {
        return new DefaultBucketedStrategy(rule, map.buckets(), map, null);
    }

    /** The rule whose map this is (the map table is keyed by it). */
    String rule();

    /** The bucket count, fixed for the life of the rule. */
    int buckets();

    /** The bucket of {@code key}: its stable hash modulo {@link #buckets()}, unsigned. */
    int bucketOf(String rule, @Nullable Object key);

    /** The bucket of a key's {@code io.shardkit.internal.KeyHash}. */
    int bucketOfHash(long hash);

    /** The current snapshot. */
    BucketMap map();

    /** Re-reads the map from the shards' tables (a no-op for an in-memory map) and installs it if it is newer. */
    void refresh();

    /**
     * Adopts {@code owner} for {@code bucket} when {@code epoch} is newer than the cached one; what a write refused
     * by an old owner learns from it. Returns whether the cache changed.
     */
    boolean learn(int bucket, String owner, long epoch);
}
