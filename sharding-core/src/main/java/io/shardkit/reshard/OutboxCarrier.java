package io.shardkit.reshard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries a bucket's pending outbox events from the source shard to the target under the bucket's fence, when the
 * settings name an outbox table ({@link ReshardConfig#outboxTable()}); does nothing otherwise.
 *
 * <p>Immutable and thread-safe; each call works on the connections it is given. It commits the target's transaction
 * once the copies are written and leaves the source's, which deletes the originals, to the caller's flip.
 */
final class OutboxCarrier {

    private final ReshardConfig config;

    OutboxCarrier(ReshardConfig config) {
        this.config = config;
    }

    /**
     * Under the fence: carries the bucket's unpublished events from the source outbox to the target's, in id
     * order. The source's relay lock is taken first, so a relay publishing from the source finishes its batch and
     * then skips the shard until the flip commits. The copies get target ids below any event the bucket writes
     * after the flip; the originals are deleted in the flip's transaction. A crash in between leaves both, which
     * at-least-once delivery allows: each copy set is a prefix of the bucket's events, in order.
     */
    void carry(int bucket, Connection src, Connection tgt) throws SQLException {
        String outbox = config.outboxTable();
        OutboxBuckets buckets = config.outboxBuckets();
        if (outbox == null || buckets == null) {
            return;
        }
        if (!hasPending(src, outbox, buckets, bucket)) {
            // Under the fence no event of the bucket can appear, and one in a relay's batch is still unpublished
            // (published_at is set with the batch's commit): none pending means none to carry, no relay lock needed.
            return;
        }
        try (PreparedStatement lock = src.prepareStatement("SELECT name FROM " + outbox
                + "_lock WHERE name = 'relay' FOR UPDATE"); ResultSet locked = lock.executeQuery()) {
            locked.next();
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement read = src.prepareStatement("SELECT id, aggregate_type, aggregate_id, event_type,"
                + " payload, created_at, attempts FROM " + outbox + " WHERE published_at IS NULL ORDER BY id");
             PreparedStatement write = tgt.prepareStatement("INSERT INTO " + outbox + " (aggregate_type,"
                     + " aggregate_id, event_type, payload, created_at, attempts) VALUES (?, ?, ?, ?, ?, ?)");
             ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                if (buckets.bucketOf(rs.getString(2), rs.getString(3)) != bucket) {
                    continue;
                }
                ids.add(rs.getLong(1));
                write.setString(1, rs.getString(2));
                write.setString(2, rs.getString(3));
                write.setString(3, rs.getString(4));
                write.setString(4, rs.getString(5));
                write.setTimestamp(5, rs.getTimestamp(6));
                write.setInt(6, rs.getInt(7));
                write.executeUpdate(); // one by one: a batch may not keep the identity order on every driver
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        tgt.commit();
        try (PreparedStatement delete = src.prepareStatement("DELETE FROM " + outbox + " WHERE id = ?")) {
            for (long id : ids) {
                delete.setLong(1, id);
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static boolean hasPending(Connection src, String outbox, OutboxBuckets buckets, int bucket)
            throws SQLException {
        try (PreparedStatement read = src.prepareStatement("SELECT aggregate_type, aggregate_id FROM " + outbox
                + " WHERE published_at IS NULL"); ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                if (buckets.bucketOf(rs.getString(1), rs.getString(2)) == bucket) {
                    return true;
                }
            }
        }
        return false;
    }
}
