package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.strategy.HashAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rule under {@code shardkit.rules.<name>}: a strategy over a list of shards.
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
public class RuleProperties {

    /** How keys map to shards. */
    private Strategy strategy = Strategy.HASH;

    /**
     * The shards of a hash, id, directory or bucketed rule, slot 0 first. By default every shard, in index order.
     * Part of the persisted mapping: changing the list or its order remaps keys.
     */
    private @Nullable List<String> shards;

    /** How a hash rule turns a key's hash into a slot; part of the persisted mapping. */
    private HashAlgorithm algorithm = HashAlgorithm.JUMP;

    /**
     * The type of the rule's keys. Required by range rules (it parses the bounds from and to); elsewhere it
     * tells the actuator endpoint how to read a key given as text.
     */
    private @Nullable ShardKeyType keyType;

    /**
     * The ranges of a range rule: the keys from "from" (inclusive) to "to" (exclusive) live on "shard". Ranges
     * must not overlap.
     */
    private List<Range> ranges = new ArrayList<>();

    /** Range rules only: the shard of keys that fall in no range. By default such keys are refused. */
    private @Nullable String defaultShard;

    /** The lookup table of a directory rule. */
    private final Directory directory = new Directory();

    /**
     * Bucketed rules: how many buckets keys hash into, fixed when the rule is first started (the map stored on the
     * shards keeps it). Part of the persisted mapping.
     */
    private int buckets = BucketedStrategy.DEFAULT_BUCKETS;

    /**
     * Bucketed rules: how many of the rule's shards, in order, own buckets when the map is first seeded (no shard
     * holds one yet); the others start with none, ready to receive buckets. By default all of them. Ignored once a
     * map exists.
     */
    private @Nullable Integer seedShards;

    /**
     * Bucketed-id rules: the bucketed rule whose ids this rule routes. Such ids carry their bucket
     * (ShardIdGenerator.nextIdFor with the bucketed rule), and the bucket's current owner holds the row, so an id
     * still finds its row after a move. The rule's shards are the bucketed rule's.
     */
    private @Nullable String bucketsRule;

    public Strategy getStrategy() {
        return strategy;
    }

    public void setStrategy(Strategy strategy) {
        this.strategy = strategy;
    }

    public @Nullable List<String> getShards() {
        return shards;
    }

    public void setShards(@Nullable List<String> shards) {
        this.shards = shards;
    }

    public HashAlgorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(HashAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public @Nullable ShardKeyType getKeyType() {
        return keyType;
    }

    public void setKeyType(@Nullable ShardKeyType keyType) {
        this.keyType = keyType;
    }

    public List<Range> getRanges() {
        return ranges;
    }

    public void setRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    public @Nullable String getDefaultShard() {
        return defaultShard;
    }

    public void setDefaultShard(@Nullable String defaultShard) {
        this.defaultShard = defaultShard;
    }

    public Directory getDirectory() {
        return directory;
    }

    public int getBuckets() {
        return buckets;
    }

    public void setBuckets(int buckets) {
        this.buckets = buckets;
    }

    public @Nullable Integer getSeedShards() {
        return seedShards;
    }

    public void setSeedShards(@Nullable Integer seedShards) {
        this.seedShards = seedShards;
    }

    public @Nullable String getBucketsRule() {
        return bucketsRule;
    }

    public void setBucketsRule(@Nullable String bucketsRule) {
        this.bucketsRule = bucketsRule;
    }

    /** The built-in strategies. */
    public enum Strategy {
        /** Stable hash of the key over the rule's shards. */
        HASH,
        /** Ordered, non-overlapping ranges of keys, each on a named shard. */
        RANGE,
        /** A key-to-shard lookup table in a database, cached. */
        DIRECTORY,
        /** The shard index embedded in an id shardkit generated. */
        ID,
        /** A stable hash to one of a fixed number of buckets, a stored bucket map to shards; buckets move online. */
        BUCKETED,
        /** An id minted for a bucketed rule ({@code buckets-rule}), routed through that rule's bucket map. */
        BUCKETED_ID
    }

    /** One range of a range rule: keys in {@code [from..to)} live on {@code shard}. */
    public static class Range {

        /** Lowest key of the range (inclusive), in the rule's key type; none means no lower bound. */
        private @Nullable String from;

        /** First key past the range (exclusive), in the rule's key type; none means no upper bound. */
        private @Nullable String to;

        /** The shard that holds the range's keys. */
        private @Nullable String shard;

        public @Nullable String getFrom() {
            return from;
        }

        public void setFrom(@Nullable String from) {
            this.from = from;
        }

        public @Nullable String getTo() {
            return to;
        }

        public void setTo(@Nullable String to) {
            this.to = to;
        }

        public @Nullable String getShard() {
            return shard;
        }

        public void setShard(@Nullable String shard) {
            this.shard = shard;
        }
    }

    /**
     * Where a directory rule keeps its key-to-shard table. New keys are placed where a hash over the rule's shards
     * would put them; a different placement policy takes a {@code ShardingRulesCustomizer}.
     */
    public static class Directory {

        /** The shard whose database holds the directory table. */
        private @Nullable String shard;

        /** The directory table's name. */
        private String table = DirectoryConfig.DEFAULT_TABLE_NAME;

        /** The in-memory cache of directory entries. */
        private final Cache cache = new Cache();

        public @Nullable String getShard() {
            return shard;
        }

        public void setShard(@Nullable String shard) {
            this.shard = shard;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public Cache getCache() {
            return cache;
        }
    }

    /** Cache of directory entries. */
    public static class Cache {

        /** Most entries kept. */
        private long maximumSize = DirectoryConfig.DEFAULT_CACHE_MAXIMUM_SIZE;

        /** How long an entry is trusted before it is read again. */
        private Duration ttl = DirectoryConfig.DEFAULT_CACHE_TTL;

        public long getMaximumSize() {
            return maximumSize;
        }

        public void setMaximumSize(long maximumSize) {
            this.maximumSize = maximumSize;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }
    }
}
