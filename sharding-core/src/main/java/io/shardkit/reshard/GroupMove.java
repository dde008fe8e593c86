package io.shardkit.reshard;

import io.shardkit.Shard;
import io.shardkit.ShardUnavailableException;
import io.shardkit.bucket.BucketTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The moves of one (source, target) group: mark, one copy pass, catch-up, then a cutover per bucket. Not
 * thread-safe: one thread runs a group.
 */
final class GroupMove {

    private final Resharder owner;
    private final String rule;
    private final List<BucketMove> moves;
    private final Shard source;
    private final Shard target;
    private final Map<Integer, Set<Object>> keys = new ConcurrentHashMap<>();
    private final Map<Integer, Long> epochs = new ConcurrentHashMap<>();
    private final Map<Integer, long[]> counters = new ConcurrentHashMap<>(); // rows copied, keys replayed
    private final TableDigest digest;
    private final OutboxCarrier outbox;

    GroupMove(Resharder owner, List<BucketMove> moves) {
        this.owner = owner;
        this.rule = owner.rule().name();
        this.moves = moves;
        this.source = owner.shard(moves.get(0).source());
        this.target = owner.shard(moves.get(0).target());
        this.digest = new TableDigest(owner.sql());
        this.outbox = new OutboxCarrier(owner.config());
        for (BucketMove m : moves) {
            counters.put(m.bucket(), new long[2]);
        }
    }

    /** Runs the moves from MARK; {@code marked} holds the epochs of buckets already marked (a resumed move). */
    List<MoveReport.BucketResult> run(Map<Integer, Long> marked) {
        epochs.putAll(marked);
        for (BucketMove move : moves) {
            if (!epochs.containsKey(move.bucket())) {
                mark(move);
            }
        }
        copy();
        List<MoveReport.BucketResult> results = new ArrayList<>();
        for (BucketMove move : moves) {
            // The cutovers of a group run one after another, and writes keep landing in the later buckets' journals
            // meanwhile: each bucket catches up just before its fence, which then drains only the last writes.
            catchUp(move);
            results.add(cutover(move));
        }
        return results;
    }

    private void mark(BucketMove move) {
        step(move, MoveStep.MARK);
        try (Connection c = connect(source)) {
            c.setAutoCommit(false);
            try {
                BucketTables.MapRow row = BucketTables.lockExclusive(c, rule, move.bucket());
                if (row == null || !row.owner().equals(move.source()) || row.movingTo() != null) {
                    throw ReshardException.notMovable(rule, move, row == null ? "the source has no row for it"
                            : "the source records owner '" + row.owner() + "', moving to " + row.movingTo());
                }
                long epoch = owner.nextEpoch();
                BucketTables.setMoving(c, rule, move.bucket(), move.target());
                BucketTables.saveMove(c, rule, new BucketTables.MoveRow(move.bucket(), move.source(),
                        move.target(), MoveState.COPYING.name(), epoch, Instant.now()));
                c.commit();
                epochs.put(move.bucket(), epoch);
            } finally {
                rollbackQuietly(c);
            }
        } catch (SQLException ex) {
            throw ReshardException.failed(rule, move, MoveStep.MARK, ex);
        }
    }

    private void copy() {
        BucketMove first = moves.get(0);
        step(first, MoveStep.COPY);
        Set<Integer> buckets = new HashSet<>();
        for (BucketMove m : moves) {
            buckets.add(m.bucket());
        }
        long start = System.nanoTime();
        long[] copied = {0};
        try (Connection src = connect(source); Connection tgt = connect(target)) {
            tgt.setAutoCommit(false);
            owner.sql().copy(src, tgt, buckets, owner.config().batchSize(), keys, n -> {
                copied[0] += n;
                owner.copied(first, n);
                throttle(start, copied[0]);
            });
            owner.sql().analyze(tgt);
        } catch (SQLException ex) {
            throw ReshardException.failed(rule, first, MoveStep.COPY, ex);
        }
        owner.copyPhase(copied[0], System.nanoTime() - start);
        // rows copied are counted per group; spread evenly for the per-bucket report
        for (BucketMove m : moves) {
            counter(m.bucket())[0] += copied[0] / moves.size();
        }
    }

    private void throttle(long start, long rows) {
        long rate = owner.config().maxRowsPerSecond();
        if (rate > 0) {
            long due = start + rows * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    /** Replays the bucket's journal without the fence, so that the cutover has only the last writes left. */
    private void catchUp(BucketMove move) {
        step(move, MoveStep.CATCH_UP);
        try (Connection src = connect(source); Connection tgt = connect(target)) {
            tgt.setAutoCommit(false);
            drainJournal(move, src, tgt);
        } catch (SQLException ex) {
            throw ReshardException.failed(rule, move, MoveStep.CATCH_UP, ex);
        }
    }

    /** Replays the bucket's journal as {@code src} sees it, then removes what was replayed. */
    private void drainJournal(BucketMove move, Connection src, Connection tgt) throws SQLException {
        // Without the fence writers keep adding; a few rounds bring the rest down to what the cutover replays.
        // Under the fence (src in a transaction) it cannot grow, and the loop runs until it is empty.
        for (int round = 1; ; round++) {
            List<BucketTables.JournalEntry> entries = BucketTables.journalOf(src, rule, move.bucket(), 10_000);
            if (entries.isEmpty()) {
                return;
            }
            Set<Object> batch = new LinkedHashSet<>();
            for (BucketTables.JournalEntry e : entries) {
                batch.add(e.key());
            }
            long rows = owner.sql().replay(src, tgt, batch);
            keys.computeIfAbsent(move.bucket(), b -> ConcurrentHashMap.newKeySet()).addAll(batch);
            long[] counter = counter(move.bucket());
            counter[0] += rows;
            counter[1] += batch.size();
            owner.copied(move, rows);
            BucketTables.clearJournal(src, entries);
            if (src.getAutoCommit() && round == 8) {
                return;
            }
        }
    }

    private MoveReport.BucketResult cutover(BucketMove move) {
        long epoch = Objects.requireNonNull(epochs.get(move.bucket()), "epoch of the bucket");
        step(move, MoveStep.FENCE);
        long asked = System.nanoTime();
        long verified;
        try (Connection src = connect(source); Connection tgt = connect(target)) {
            src.setAutoCommit(false);
            tgt.setAutoCommit(false);
            try {
                BucketTables.MapRow row = BucketTables.lockExclusive(src, rule, move.bucket());
                if (row == null || !row.owner().equals(move.source()) || !move.target().equals(row.movingTo())) {
                    throw ReshardException.notMovable(rule, move, row == null ? "the source has no row for it"
                            : "the source records owner '" + row.owner() + "', moving to " + row.movingTo());
                }
                step(move, MoveStep.DRAIN);
                drainJournal(move, src, tgt);
                step(move, MoveStep.VERIFY);
                verified = verify(move, src, tgt);
                // After the verification: a cutover it abandons must leave no copies of the bucket's events on the
                // target, whose relay would publish them beside the source's originals.
                outbox.carry(move.bucket(), src, tgt);
                step(move, MoveStep.FLIP_SOURCE);
                BucketTables.setOwner(src, rule, move.bucket(), move.target(), epoch);
                BucketTables.saveMove(src, rule, new BucketTables.MoveRow(move.bucket(), move.source(),
                        move.target(), MoveState.FLIPPED.name(), epoch, Instant.now()));
                src.commit();
                // The source's commit decided the flip; the target accepts writes as soon as it records it.
                owner.listener().beforeStep(move, MoveStep.FLIP_TARGET);
                BucketTables.setOwner(tgt, rule, move.bucket(), move.target(), epoch);
                tgt.commit();
            } finally {
                rollbackQuietly(src);
            }
        } catch (SQLException ex) {
            throw ReshardException.failed(rule, move, MoveStep.FENCE, ex);
        }
        long fence = System.nanoTime() - asked;
        owner.finishFlip(move, epoch, false);
        long[] counter = counter(move.bucket());
        MoveReport.BucketResult result = new MoveReport.BucketResult(move, epoch, counter[0], counter[1], verified,
                Duration.ofNanos(fence));
        owner.moved(result);
        return result;
    }

    private long verify(BucketMove move, Connection src, Connection tgt) throws SQLException {
        Set<Object> bucketKeys = keys.getOrDefault(move.bucket(), Set.of());
        TableDigest.Digest a = digest.ofKeys(src, bucketKeys);
        TableDigest.Digest b = digest.ofKeys(tgt, bucketKeys);
        if (!a.equals(b)) {
            throw ReshardException.verifyFailed(rule, move, "source " + a.rows() + " rows (hash "
                    + Long.toHexString(a.hash()) + "), target " + b.rows() + " rows (hash "
                    + Long.toHexString(b.hash()) + ") over " + bucketKeys.size() + " keys");
        }
        return a.rows();
    }

    private void step(BucketMove move, MoveStep step) {
        owner.listener().beforeStep(move, step);
    }

    static Connection connect(Shard shard) {
        try {
            return shard.dataSource().getConnection();
        } catch (SQLException ex) {
            throw ShardUnavailableException.noConnection(shard.name(), null, ex);
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is closed next; a lost connection rolls back on its own
        }
    }

    /** Rows copied and keys replayed of a bucket of this group (each bucket gets its counter when the group starts). */
    private long[] counter(int bucket) {
        return Objects.requireNonNull(counters.get(bucket), "counter of the bucket");
    }
}
