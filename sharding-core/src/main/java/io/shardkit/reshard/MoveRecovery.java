package io.shardkit.reshard;

import io.shardkit.Shard;
import io.shardkit.bucket.BucketTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of a {@link Resharder} that works from the move records on the shards ({@code shardkit_bucket_move})
 * rather than from a plan: reading them, finishing ({@link #resume}) or undoing ({@link #rollback}) a move that
 * stopped, deleting moved rows from their old owners ({@link #cleanup}), the journals' lag, and the move epochs. The
 * epochs start above every one the shards record or the bucket map holds: a shard takes a new owner only at a newer
 * epoch, so a resharder built after a stopped one must not hand out the epochs that one did.
 *
 * <p>Thread-safe: the epoch counter is atomic, and every other call works on connections of its own.
 */
final class MoveRecovery {

    /** Under the facade's name: that is the logger users configure for the mover. */
    private static final Logger LOG = LoggerFactory.getLogger(Resharder.class);

    private final Resharder owner;
    private final String rule;
    private final AtomicLong epoch;

    /** Reads the shards' move records through {@code owner}, whose rule, strategy and shards must be set. */
    MoveRecovery(Resharder owner) {
        this.owner = owner;
        this.rule = owner.rule().name();
        long recorded = 0;
        for (BucketTables.MoveRow move : status()) {
            recorded = Math.max(recorded, move.epoch());
        }
        this.epoch = new AtomicLong(Math.max(recorded, owner.strategy().map().epoch()));
    }

    long nextEpoch() {
        return epoch.incrementAndGet();
    }

    /** See {@link Resharder#resume()}. */
    MoveReport resume() {
        long start = System.nanoTime();
        List<MoveReport.BucketResult> done = new ArrayList<>();
        Map<String, List<BucketMove>> groups = new LinkedHashMap<>();
        Map<Integer, Long> marked = new HashMap<>();
        for (BucketTables.MoveRow row : status()) {
            BucketMove move = new BucketMove(row.bucket(), row.source(), row.target());
            if (row.state().equals(MoveState.FLIPPED.name())) {
                finishFlip(move, row.epoch(), true);
                done.add(new MoveReport.BucketResult(move, row.epoch(), 0, 0, 0, Duration.ZERO));
            } else if (row.state().equals(MoveState.COPYING.name())) {
                marked.put(row.bucket(), row.epoch());
                groups.computeIfAbsent(row.source() + "\u0000" + row.target(), k -> new ArrayList<>()).add(move);
            }
        }
        MoveReport rest = owner.runGroups(List.copyOf(groups.values()), marked);
        done.addAll(rest.buckets());
        return new MoveReport(rule, done, Duration.ofNanos(System.nanoTime() - start), rest.copy());
    }

    /** See {@link Resharder#rollback(int)}. */
    void rollback(int bucket) {
        BucketTables.MoveRow row = status().stream().filter(m -> m.bucket() == bucket).findFirst()
                .orElseThrow(() -> ReshardException.noMoveRecorded(rule, bucket));
        BucketMove move = new BucketMove(bucket, row.source(), row.target());
        if (!row.state().equals(MoveState.COPYING.name())) {
            throw ReshardException.notMovable(rule, move, "it was flipped (" + row.state()
                    + "); move it back instead of rolling back");
        }
        // The target's copies go first: if that fails, the move is still recorded and the rollback can run again.
        try (Connection c = GroupMove.connect(owner.shard(row.target()))) {
            c.setAutoCommit(false);
            owner.sql().deleteBuckets(c, Set.of(bucket), owner.config().batchSize());
        } catch (SQLException ex) {
            throw ReshardException.failed(rule, move, MoveStep.CLEANUP, ex);
        }
        try (Connection c = GroupMove.connect(owner.shard(row.source()))) {
            c.setAutoCommit(false);
            try {
                BucketTables.lockExclusive(c, rule, bucket);
                BucketTables.setMoving(c, rule, bucket, null);
                BucketTables.clearJournal(c, rule, bucket);
                BucketTables.deleteMove(c, rule, bucket);
                c.commit();
            } finally {
                GroupMove.rollbackQuietly(c);
            }
        } catch (SQLException ex) {
            throw ReshardException.failed(rule, move, MoveStep.MARK, ex);
        }
        LOG.info("Rule '{}': move of bucket {} from '{}' to '{}' rolled back", rule, bucket, row.source(),
                row.target());
    }

    /** See {@link Resharder#cleanup()}. */
    long cleanup() {
        Instant due = Instant.now().minus(owner.config().cleanupDelay());
        Map<String, Set<Integer>> bySource = new LinkedHashMap<>();
        for (BucketTables.MoveRow row : status()) {
            if (row.state().equals(MoveState.DONE.name()) && !row.updated().isAfter(due)) {
                bySource.computeIfAbsent(row.source(), k -> new HashSet<>()).add(row.bucket());
            }
        }
        long deleted = 0;
        for (Map.Entry<String, Set<Integer>> e : bySource.entrySet()) {
            owner.listener().beforeStep(new BucketMove(e.getValue().iterator().next(), e.getKey(), "?"),
                    MoveStep.CLEANUP);
            try (Connection c = GroupMove.connect(owner.shard(e.getKey()))) {
                c.setAutoCommit(false);
                deleted += owner.sql().deleteBuckets(c, e.getValue(), owner.config().batchSize());
                for (int bucket : e.getValue()) {
                    BucketTables.deleteMove(c, rule, bucket);
                }
                c.commit();
            } catch (SQLException ex) {
                throw ReshardException.failed(rule, new BucketMove(-1, e.getKey(), "?"), MoveStep.CLEANUP, ex);
            }
        }
        return deleted;
    }

    /** See {@link Resharder#status()}. */
    List<BucketTables.MoveRow> status() {
        List<BucketTables.MoveRow> all = new ArrayList<>();
        for (Shard shard : owner.shards()) {
            try (Connection c = GroupMove.connect(shard)) {
                all.addAll(BucketTables.moves(c, rule));
            } catch (SQLException ex) {
                throw ReshardException.failed(rule, new BucketMove(-1, shard.name(), "?"), MoveStep.MARK, ex);
            }
        }
        return all;
    }

    /** See {@link Resharder#journalLag()}. */
    long journalLag() {
        long lag = 0;
        for (Shard shard : owner.shards()) {
            try (Connection c = GroupMove.connect(shard)) {
                lag += BucketTables.journalSize(c, rule);
            } catch (SQLException ex) {
                throw ReshardException.failed(rule, new BucketMove(-1, shard.name(), "?"), MoveStep.CATCH_UP, ex);
            }
        }
        return lag;
    }

    /** The target (unless it already has) and every other shard record the new owner; the move is DONE. */
    void finishFlip(BucketMove move, long bucketEpoch, boolean target) {
        try {
            if (target) {
                owner.listener().beforeStep(move, MoveStep.FLIP_TARGET);
                setOwner(owner.shard(move.target()), move, bucketEpoch);
            }
            owner.strategy().learn(move.bucket(), move.target(), bucketEpoch);
            for (Shard other : owner.shards()) {
                if (!other.name().equals(move.source()) && !other.name().equals(move.target())) {
                    setOwner(other, move, bucketEpoch);
                }
            }
            try (Connection c = GroupMove.connect(owner.shard(move.source()))) {
                BucketTables.saveMove(c, rule, new BucketTables.MoveRow(move.bucket(), move.source(),
                        move.target(), MoveState.DONE.name(), bucketEpoch, Instant.now()));
            }
        } catch (SQLException ex) {
            throw ReshardException.failed(rule, move, MoveStep.FLIP_TARGET, ex);
        }
        owner.countFlip();
    }

    private void setOwner(Shard shard, BucketMove move, long bucketEpoch) throws SQLException {
        try (Connection c = GroupMove.connect(shard)) {
            BucketTables.setOwner(c, rule, move.bucket(), move.target(), bucketEpoch);
        }
    }
}
