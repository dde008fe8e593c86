package io.shardkit.reshard;

import io.shardkit.Shard;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketedStrategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares buckets' rows on two shards on its own, outside any move: count and content hash per bucket of the
 * declared tables (roots with their children), found by scanning each root table in keyset order. Use it to check
 * a finished move before the cleanup, or a copy made by hand. It reads without locks: run it while the buckets are
 * not written, or expect the differences the writes make.
 *
 * <p>Immutable and thread-safe.
 */
public final class BucketDiff {

    /**
     * One bucket's figures on both shards.
     *
     * @param bucket the bucket
     * @param rowsA  rows on the first shard
     * @param rowsB  rows on the second
     * @param same   whether counts and content hashes are equal
     */
    public record Result(int bucket, long rowsA, long rowsB, boolean same) {
    }

    private final TableDigest digest;
    private final int batchSize;

    private BucketDiff(TableDigest digest, int batchSize) {
        this.digest = digest;
        this.batchSize = batchSize;
    }

    /** A diff of {@code tables} under {@code rule}'s buckets. */
    public static BucketDiff of(ShardingRule rule, MoveTable... tables) {
        Objects.requireNonNull(rule, "rule");
        if (!(rule.strategy() instanceof BucketedStrategy strategy)) {
            throw new ShardingConfigurationException("Rule '" + rule.name() + "' is not bucketed");
        }
        TableSql sql = new TableSql(List.of(tables), key -> strategy.bucketOf(rule.name(), key));
        return new BucketDiff(new TableDigest(sql), ReshardConfig.DEFAULT_BATCH_SIZE);
    }

    /** Compares {@code buckets} on shards {@code a} and {@code b}, ascending by bucket. */
    public List<Result> compare(Shard a, Shard b, Set<Integer> buckets) throws SQLException {
        Map<Integer, TableDigest.Digest> left;
        Map<Integer, TableDigest.Digest> right;
        try (Connection ca = a.dataSource().getConnection(); Connection cb = b.dataSource().getConnection()) {
            ca.setAutoCommit(false);
            cb.setAutoCommit(false);
            left = digest.perBucket(ca, buckets, batchSize);
            right = digest.perBucket(cb, buckets, batchSize);
            ca.rollback();
            cb.rollback();
        }
        List<Result> results = new ArrayList<>();
        TableDigest.Digest none = new TableDigest.Digest(0, 0);
        for (int bucket : new TreeSet<>(buckets)) {
            TableDigest.Digest l = left.getOrDefault(bucket, none);
            TableDigest.Digest r = right.getOrDefault(bucket, none);
            results.add(new Result(bucket, l.rows(), r.rows(), l.equals(r)));
        }
        return results;
    }
}
