package io.shardkit.bucket;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.internal.KeyHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The statements over the bucket tables ({@code shardkit_bucket_map}, {@code shardkit_bucket_journal},
 * {@code shardkit_bucket_move}) that writers, the mover and tools share: one place for their SQL. Each method runs
 * on the caller's connection and never commits.
 *
 * <p>Stateless and thread-safe.
 */
public final class BucketTables {

    static final String MAP = "shardkit_bucket_map";
    private static final String ROW = "SELECT owner, epoch, moving_to FROM " + MAP + " WHERE rule = ? AND bucket = ?";

    private BucketTables() {
    }

    /**
     * One shard's row for a bucket.
     *
     * @param bucket   the bucket
     * @param owner    the owner this shard records
     * @param epoch    the epoch of the move that set it
     * @param movingTo the target of a move in progress from this shard, or {@code null}
     */
    public record MapRow(int bucket, String owner, long epoch, @Nullable String movingTo) {
    }

    /**
     * One step of one bucket's move, as recorded on its source shard.
     *
     * @param bucket  the bucket
     * @param source  the shard it moves from
     * @param target  the shard it moves to
     * @param state   the last step completed
     * @param epoch   the epoch the flip gives (or gave) the bucket
     * @param updated when the step was recorded
     */
    public record MoveRow(int bucket, String source, String target, String state, long epoch, Instant updated) {
    }

    /** A journal entry: a key written to a moving bucket. */
    public record JournalEntry(long seq, Object key) {
    }

    /** The writer's read: the bucket row under a shared lock ({@link BucketDialect#sharedLock()}). */
    public static @Nullable MapRow lockShared(Connection c, BucketDialect dialect, String rule, int bucket)
            throws SQLException {
        return row(c, ROW + dialect.sharedLock(), rule, bucket);
    }

    /** The mover's read: the bucket row under an exclusive lock, waiting for the writers that hold it shared. */
    public static @Nullable MapRow lockExclusive(Connection c, String rule, int bucket) throws SQLException {
        return row(c, ROW + " FOR UPDATE", rule, bucket);
    }

    private static @Nullable MapRow row(Connection c, String sql, String rule, int bucket) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, rule);
            ps.setInt(2, bucket);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new MapRow(bucket, rs.getString(1), rs.getLong(2), rs.getString(3)) : null;
            }
        }
    }

    /** Every row of {@code rule} on this shard, by bucket. */
    public static List<MapRow> readAll(Connection c, String rule) throws SQLException {
        List<MapRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT bucket, owner, epoch, moving_to FROM " + MAP + " WHERE rule = ? ORDER BY bucket")) {
            ps.setString(1, rule);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new MapRow(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
                }
            }
        }
        return rows;
    }

    /** Inserts map rows (a seed, or a copy for a shard that has none); the caller handles duplicates. */
    public static void insert(Connection c, String rule, List<MapRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + MAP + " (rule, bucket, owner, epoch, moving_to) VALUES (?, ?, ?, ?, NULL)")) {
            for (MapRow row : rows) {
                ps.setString(1, rule);
                ps.setInt(2, row.bucket());
                ps.setString(3, row.owner());
                ps.setLong(4, row.epoch());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Marks (target) or unmarks ({@code null}) a bucket as moving from this shard, which turns the journal on. */
    public static void setMoving(Connection c, String rule, int bucket, @Nullable String target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + MAP + " SET moving_to = ? WHERE rule = ? AND bucket = ?")) {
            ps.setString(1, target);
            ps.setString(2, rule);
            ps.setInt(3, bucket);
            ps.executeUpdate();
        }
    }

    /** Records {@code owner} at {@code epoch} for a bucket, if this shard's row is older; clears {@code moving_to}. */
    public static void setOwner(Connection c, String rule, int bucket, String owner, long epoch) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + MAP
                + " SET owner = ?, epoch = ?, moving_to = NULL WHERE rule = ? AND bucket = ? AND epoch < ?")) {
            ps.setString(1, owner);
            ps.setLong(2, epoch);
            ps.setString(3, rule);
            ps.setInt(4, bucket);
            ps.setLong(5, epoch);
            ps.executeUpdate();
        }
    }

    /** Appends a key to the move journal, in the writer's transaction. */
    public static void journal(Connection c, String rule, int bucket, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO shardkit_bucket_journal (rule, bucket, key_type, shard_key) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, rule);
            ps.setInt(2, bucket);
            ps.setString(3, keyType(rule, key));
            ps.setString(4, key.toString());
            ps.executeUpdate();
        }
    }

    /** The journal of a bucket, oldest first, at most {@code limit} entries. */
    public static List<JournalEntry> journalOf(Connection c, String rule, int bucket, int limit) throws SQLException {
        List<JournalEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, key_type, shard_key FROM shardkit_bucket_journal"
                + " WHERE rule = ? AND bucket = ? ORDER BY seq")) {
            ps.setString(1, rule);
            ps.setInt(2, bucket);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new JournalEntry(rs.getLong(1), decode(rs.getString(2), rs.getString(3))));
                }
            }
        }
        return entries;
    }

    /** How many journal entries wait for replay on this shard, over all buckets of {@code rule}. */
    public static long journalSize(Connection c, String rule) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM shardkit_bucket_journal WHERE rule = ?")) {
            ps.setString(1, rule);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Removes the journal entries read as {@code entries}: by their sequence numbers, not by a bound, because a
     * writer holding a lower number may commit after the read.
     */
    public static void clearJournal(Connection c, List<JournalEntry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM shardkit_bucket_journal WHERE seq = ?")) {
            for (JournalEntry e : entries) {
                ps.setLong(1, e.seq());
                ps.addBatch();
            }
            if (!entries.isEmpty()) {
                ps.executeBatch();
            }
        }
    }

    /** Removes every journal entry of a bucket (a move rolled back). */
    public static void clearJournal(Connection c, String rule, int bucket) throws SQLException {
        deleteOfBucket(c, "shardkit_bucket_journal", rule, bucket);
    }

    /** Records a move's step (insert or update). */
    public static void saveMove(Connection c, String rule, MoveRow move) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE shardkit_bucket_move SET source = ?, target = ?,"
                + " state = ?, epoch = ?, updated_at = ? WHERE rule = ? AND bucket = ?")) {
            up.setString(1, move.source());
            up.setString(2, move.target());
            up.setString(3, move.state());
            up.setLong(4, move.epoch());
            up.setTimestamp(5, Timestamp.from(move.updated()));
            up.setString(6, rule);
            up.setInt(7, move.bucket());
            if (up.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement in = c.prepareStatement("INSERT INTO shardkit_bucket_move (rule, bucket, source,"
                + " target, state, epoch, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            in.setString(1, rule);
            in.setInt(2, move.bucket());
            in.setString(3, move.source());
            in.setString(4, move.target());
            in.setString(5, move.state());
            in.setLong(6, move.epoch());
            in.setTimestamp(7, Timestamp.from(move.updated()));
            in.executeUpdate();
        }
    }

    /** The moves recorded on this shard (as their source) for {@code rule}. */
    public static List<MoveRow> moves(Connection c, String rule) throws SQLException {
        List<MoveRow> moves = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT bucket, source, target, state, epoch, updated_at"
                + " FROM shardkit_bucket_move WHERE rule = ? ORDER BY bucket")) {
            ps.setString(1, rule);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    moves.add(new MoveRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getLong(5), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return moves;
    }

    /** Forgets a bucket's move record. */
    public static void deleteMove(Connection c, String rule, int bucket) throws SQLException {
        deleteOfBucket(c, "shardkit_bucket_move", rule, bucket);
    }

    private static void deleteOfBucket(Connection c, String table, String rule, int bucket) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE rule = ? AND bucket = ?")) {
            ps.setString(1, rule);
            ps.setInt(2, bucket);
            ps.executeUpdate();
        }
    }

    private static String keyType(String rule, Object key) {
        KeyHash.of(rule, key); // refuses unsupported types with the rule's message
        return key instanceof String ? "S" : key instanceof UUID ? "U" : "L";
    }

    /** A key as the journal stores it, back in its canonical type ({@code Long}, {@code String}, {@code UUID}). */
    static Object decode(String type, String text) {
        return switch (type) {
            case "S" -> text;
            case "U" -> UUID.fromString(text);
            case "L" -> Long.valueOf(text);
            default -> throw InvalidShardKeyException.unsupported("journal", text, "key type L, S or U");
        };
    }
}
