package io.shardkit.reshard;

import io.shardkit.bucket.BucketDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The mover's SQL over the declared tables: a root's rows with their children ({@link RootTable}) are the unit that
 * is copied, replayed and deleted here, and hashed by {@link TableDigest}. Writes to the target always delete the
 * unit first, then insert it, in one transaction: idempotent, whatever the target held. Portable SQL (keyset by
 * primary key, {@code IN} lists).
 *
 * <p>Thread-safe; each call runs on the connections it is given and commits only the target's (or, for a delete,
 * the given connection's) transaction.
 */
final class TableSql {

    /** Keys per {@code IN} list. */
    static final int CHUNK = 500;

    private final List<RootTable> roots;
    private final ToIntFunction<Object> bucketOf;
    private final Map<String, Rows.Shape> shapes = new ConcurrentHashMap<>();

    TableSql(List<MoveTable> tables, ToIntFunction<Object> bucketOf) {
        this.bucketOf = bucketOf;
        this.roots = RootTable.group(tables);
    }

    /** The root tables, in declaration order. */
    List<RootTable> roots() {
        return roots;
    }

    /** The canonical form of a key read from a row: integral numbers widened to {@code Long}. */
    static Object canonical(Object key) {
        return key instanceof Integer || key instanceof Short || key instanceof Byte
                ? (Object) ((Number) key).longValue() : key;
    }

    /**
     * Copies the rows of {@code buckets} from {@code src} to {@code tgt} in keyset batches, committing the target
     * per batch; records each copied root key by bucket in {@code keys}; reports rows written to {@code copied}.
     */
    long copy(Connection src, Connection tgt, Set<Integer> buckets, int batchSize,
                     Map<Integer, Set<Object>> keys, LongConsumer copied) throws SQLException {
        long total = 0;
        for (RootTable root : roots) {
            MoveTable t = root.table();
            Object last = null;
            while (true) {
                List<Object[]> batch = scan(src, t, last, batchSize);
                if (batch.isEmpty()) {
                    break;
                }
                Rows.Shape shape = knownShape(t.table());
                int id = shape.indexOf(t.idColumn());
                int key = shape.indexOf(Objects.requireNonNull(t.keyColumn(), t.table()));
                last = batch.get(batch.size() - 1)[id];
                List<Object[]> selected = new ArrayList<>();
                for (Object[] row : batch) {
                    Object k = canonical(row[key]);
                    int b = bucketOf.applyAsInt(k);
                    if (buckets.contains(b)) {
                        selected.add(row);
                        keys.computeIfAbsent(b, x -> ConcurrentHashMap.newKeySet()).add(k);
                    }
                }
                if (!selected.isEmpty()) {
                    long n = writeUnits(src, tgt, root, selected);
                    tgt.commit();
                    total += n;
                    copied.accept(n);
                }
                if (batch.size() < batchSize) {
                    break;
                }
            }
        }
        return total;
    }

    /** Makes the target hold exactly the source's rows of {@code keys} (none, where the source has none). */
    long replay(Connection src, Connection tgt, Collection<Object> keys) throws SQLException {
        long total = 0;
        List<Object> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Object> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            for (RootTable root : roots) {
                deleteByKeys(tgt, root, chunk);
                List<Object[]> rows = byKeys(src, root.table(), chunk);
                total += insertUnits(src, tgt, root, rows);
            }
        }
        tgt.commit();
        return total;
    }

    /**
     * Refreshes the planner statistics of the moved tables on a PostgreSQL {@code c} ({@code ANALYZE}, which
     * blocks no reads or writes). A target's tables go from few rows to a copy's worth, and autovacuum analyzes
     * them only on its next round (up to a minute later); until then PostgreSQL plans the replay and verification
     * queries as sequential scans, and each bucket's cutover scans whole tables under its fence. InnoDB recomputes
     * its statistics on its own after such a change, and H2's plans use the indexes regardless: nothing runs there.
     */
    void analyze(Connection c) throws SQLException {
        if (BucketDialect.of(c) != BucketDialect.POSTGRESQL) {
            return;
        }
        try (Statement st = c.createStatement()) {
            for (RootTable root : roots) {
                st.execute("ANALYZE " + root.table().table());
                for (MoveTable child : root.children()) {
                    st.execute("ANALYZE " + child.table());
                }
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Deletes every row of {@code buckets} from {@code c}, committing per batch; returns the rows deleted. */
    long deleteBuckets(Connection c, Set<Integer> buckets, int batchSize) throws SQLException {
        long[] total = {0};
        for (RootTable root : roots) {
            forEachBucketBatch(c, root, buckets, batchSize, (b, rows) -> {
                total[0] += deleteUnits(c, root, ids(root.table(), rows));
                c.commit();
            });
        }
        return total[0];
    }

    /** What {@link #forEachBucketBatch} hands each bucket's rows of a batch to. */
    interface BucketRows {
        void accept(int bucket, List<Object[]> rows) throws SQLException;
    }

    /** Scans {@code root}'s table in keyset batches, handing each batch's rows of {@code buckets} to {@code action}. */
    void forEachBucketBatch(Connection c, RootTable root, Set<Integer> buckets, int batchSize, BucketRows action)
            throws SQLException {
        MoveTable t = root.table();
        Object last = null;
        while (true) {
            List<Object[]> batch = scan(c, t, last, batchSize);
            if (batch.isEmpty()) {
                return;
            }
            Rows.Shape shape = knownShape(t.table());
            last = batch.get(batch.size() - 1)[shape.indexOf(t.idColumn())];
            Map<Integer, List<Object[]>> byBucket = new HashMap<>();
            int key = shape.indexOf(Objects.requireNonNull(t.keyColumn(), t.table()));
            for (Object[] row : batch) {
                int b = bucketOf.applyAsInt(canonical(row[key]));
                if (buckets.contains(b)) {
                    byBucket.computeIfAbsent(b, x -> new ArrayList<>()).add(row);
                }
            }
            for (Map.Entry<Integer, List<Object[]>> e : byBucket.entrySet()) {
                action.accept(e.getKey(), e.getValue());
            }
            if (batch.size() < batchSize) {
                return;
            }
        }
    }

    private List<Object[]> scan(Connection c, MoveTable t, @Nullable Object after, int limit) throws SQLException {
        String sql = "SELECT * FROM " + t.table() + (after == null ? "" : " WHERE " + t.idColumn() + " > ?")
                + " ORDER BY " + t.idColumn();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (after != null) {
                ps.setObject(1, after);
            }
            ps.setMaxRows(limit);
            ps.setFetchSize(limit);
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.read(rs, shape(t.table(), rs));
            }
        }
    }

    List<Object[]> byKeys(Connection c, MoveTable t, List<Object> keys) throws SQLException {
        return select(c, t.table(), "SELECT * FROM " + t.table() + " WHERE " + t.keyColumn() + " IN ("
                + Rows.placeholders(keys.size()) + ")", keys);
    }

    List<Object[]> children(Connection c, MoveTable child, List<Object> parentIds) throws SQLException {
        return select(c, child.table(), "SELECT * FROM " + child.table() + " WHERE " + child.idColumn() + " IN ("
                + Rows.placeholders(parentIds.size()) + ")", parentIds);
    }

    private List<Object[]> select(Connection c, String table, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Rows.bind(ps, 1, params);
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.read(rs, shape(table, rs));
            }
        }
    }

    /** The shape of a table whose first batch was read already (each read records it). */
    private Rows.Shape knownShape(String table) {
        return Objects.requireNonNull(shapes.get(table), table);
    }

    private Rows.Shape shape(String table, ResultSet rs) throws SQLException {
        Rows.Shape shape = shapes.get(table);
        if (shape == null) {
            shape = Rows.Shape.of(rs.getMetaData());
            shapes.put(table, shape);
        }
        return shape;
    }

    List<Object> ids(MoveTable t, List<Object[]> rows) {
        int id = knownShape(t.table()).indexOf(t.idColumn());
        List<Object> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add(row[id]);
        }
        return ids;
    }

    private long writeUnits(Connection src, Connection tgt, RootTable root, List<Object[]> rows) throws SQLException {
        deleteUnits(tgt, root, ids(root.table(), rows));
        return insertUnits(src, tgt, root, rows);
    }

    private long insertUnits(Connection src, Connection tgt, RootTable root, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        long n;
        String table = root.table().table();
        try (PreparedStatement ps = tgt.prepareStatement(knownShape(table).insert(table))) {
            n = Rows.insert(ps, rows);
        }
        List<Object> ids = ids(root.table(), rows);
        for (MoveTable child : root.children()) {
            List<Object[]> kids = children(src, child, ids);
            if (!kids.isEmpty()) {
                try (PreparedStatement ps = tgt.prepareStatement(knownShape(child.table()).insert(child.table()))) {
                    n += Rows.insert(ps, kids);
                }
            }
        }
        return n;
    }

    private long deleteUnits(Connection c, RootTable root, List<Object> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        long n = 0;
        for (MoveTable child : root.children()) {
            n += update(c, "DELETE FROM " + child.table() + " WHERE " + child.idColumn() + " IN ("
                    + Rows.placeholders(ids.size()) + ")", ids);
        }
        return n + update(c, "DELETE FROM " + root.table().table() + " WHERE " + root.table().idColumn() + " IN ("
                + Rows.placeholders(ids.size()) + ")", ids);
    }

    private void deleteByKeys(Connection c, RootTable root, List<Object> keys) throws SQLException {
        MoveTable t = root.table();
        String in = " IN (" + Rows.placeholders(keys.size()) + ")";
        for (MoveTable child : root.children()) {
            update(c, "DELETE FROM " + child.table() + " WHERE " + child.idColumn() + " IN (SELECT " + t.idColumn()
                    + " FROM " + t.table() + " WHERE " + t.keyColumn() + in + ")", keys);
        }
        update(c, "DELETE FROM " + t.table() + " WHERE " + t.keyColumn() + in, keys);
    }

    private static int update(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Rows.bind(ps, 1, params);
            return ps.executeUpdate();
        }
    }
}
