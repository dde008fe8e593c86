package io.shardkit.reshard;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts and hashes the rows of the declared tables, a root's rows with their children, through a {@link TableSql}'s
 * reads: what a cutover's verification and a {@link BucketDiff} compare between two shards. The hash of a set of rows
 * is the sum of the rows' hashes ({@link Rows#hash}), so it does not depend on the order they are read in.
 *
 * <p>Thread-safe as its {@code TableSql} is; each call runs on the connection it is given and writes nothing.
 */
final class TableDigest {

    /** A count and an order-independent content hash. */
    record Digest(long rows, long hash) {
        Digest plus(Digest other) {
            return new Digest(rows + other.rows, hash + other.hash);
        }
    }

    private final TableSql sql;

    TableDigest(TableSql sql) {
        this.sql = sql;
    }

    /** Count and content hash of the rows of {@code keys} on {@code c}. */
    Digest ofKeys(Connection c, Collection<Object> keys) throws SQLException {
        Digest digest = new Digest(0, 0);
        List<Object> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += TableSql.CHUNK) {
            List<Object> chunk = all.subList(from, Math.min(all.size(), from + TableSql.CHUNK));
            for (RootTable root : sql.roots()) {
                digest = digest.plus(units(c, root, sql.byKeys(c, root.table(), chunk)));
            }
        }
        return digest;
    }

    /** Count and content hash per bucket of {@code buckets}, by scanning every root table of {@code c}. */
    Map<Integer, Digest> perBucket(Connection c, Set<Integer> buckets, int batchSize) throws SQLException {
        Map<Integer, Digest> result = new HashMap<>();
        for (RootTable root : sql.roots()) {
            sql.forEachBucketBatch(c, root, buckets, batchSize, (b, rows) ->
                    result.merge(b, units(c, root, rows), Digest::plus));
        }
        return result;
    }

    private Digest units(Connection c, RootTable root, List<Object[]> rows) throws SQLException {
        long hash = 0;
        long count = rows.size();
        for (Object[] row : rows) {
            hash += Rows.hash(root.table().table(), row);
        }
        if (!rows.isEmpty()) {
            List<Object> ids = sql.ids(root.table(), rows);
            for (MoveTable child : root.children()) {
                for (Object[] kid : sql.children(c, child, ids)) {
                    hash += Rows.hash(child.table(), kid);
                    count++;
                }
            }
        }
        return new Digest(count, hash);
    }
}
