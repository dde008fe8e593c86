package io.shardkit.reshard;

import io.shardkit.Shard;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.UnknownShardException;
import io.shardkit.bucket.BucketTables;
import io.shardkit.bucket.BucketedStrategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves buckets of a bucketed rule between its shards while writes continue, with no proxy and no change data
 * capture: writers journal their keys in their own transactions ({@link io.shardkit.bucket.BucketWrites}), and the
 * mover copies, replays, fences, verifies and flips per bucket. Each step is recorded on the source shard
 * ({@code shardkit_bucket_move}), so a move stopped anywhere is finished by {@link #resume()} or undone by
 * {@link #rollback(int)}, with nothing lost. See {@code docs/resharding.md} for the mechanism and its limits.
 *
 * <pre>{@code
 * Resharder resharder = Resharder.builder(ordersRule)
 *         .tables(MoveTable.root("orders", "customer_id", "id"), MoveTable.child("order_items", "order_id", "orders"))
 *         .config(ReshardConfig.custom().outboxTable("outbox").build())
 *         .build();
 * MoveReport report = resharder.run(resharder.expand(List.of("s0", "s1", ..., "s7")));
 * resharder.cleanup();                                   // after the cleanup delay
 * }</pre>
 *
 * <p>Run one mover per rule at a time. Thread-safe; {@link #run} moves up to {@link ReshardConfig#concurrency()}
 * (source, target) groups at once on threads of its own.
 */
public final class Resharder {

    private static final Logger LOG = LoggerFactory.getLogger(Resharder.class);

    private final ShardingRule rule;
    private final BucketedStrategy strategy;
    private final ReshardConfig config;
    private final MoveListener listener;
    private final TableSql sql;
    private final Map<String, Shard> shards = new LinkedHashMap<>();
    private final AtomicLong epoch;
    private final AtomicLong rowsCopied = new AtomicLong();
    private final AtomicLong flipped = new AtomicLong();
    private final AtomicLong planned = new AtomicLong();
    private final AtomicLong copyRows = new AtomicLong();
    private final AtomicLong copyNanos = new AtomicLong();

    private Resharder(Builder b) {
        this.rule = b.rule;
        this.strategy = (BucketedStrategy) b.rule.strategy();
        this.config = b.config;
        this.listener = b.listener;
        this.sql = new TableSql(b.tables, key -> strategy.bucketOf(rule.name(), key));
        for (Shard shard : rule.shards()) {
            shards.put(shard.name(), shard);
        }
        long recorded = 0;
        for (BucketTables.MoveRow move : status()) {
            recorded = Math.max(recorded, move.epoch());
        }
        this.epoch = new AtomicLong(Math.max(recorded, strategy.map().epoch()));
    }

    /** Starts a resharder of {@code rule}, whose strategy must be a {@link BucketedStrategy}. */
    public static Builder builder(ShardingRule rule) {
        return new Builder(rule);
    }

    /** The rule. */
    public ShardingRule rule() {
        return rule;
    }

    /** The settings. */
    public ReshardConfig config() {
        return config;
    }

    /** An even plan over {@code shards} from the current map ({@link MovePlan#expand}). */
    public MovePlan expand(List<String> shards) {
        strategy.refresh();
        return MovePlan.expand(rule.name(), strategy.map(), shards);
    }

    /** Moves one bucket. */
    public MoveReport move(int bucket, String target) {
        strategy.refresh();
        return run(new MovePlan(rule.name(), List.of(new BucketMove(bucket, strategy.map().ownerName(bucket),
                shard(target).name()))));
    }

    /**
     * Runs {@code plan}: up to {@link ReshardConfig#concurrency()} groups at once, each group's buckets one after
     * another. Returns when every group is done; a group that failed is reported by a {@link ReshardException}
     * thrown after the others finished (its buckets keep their recorded state for {@link #resume()}).
     */
    public MoveReport run(MovePlan plan) {
        return runGroups(plan.groups(), Map.of());
    }

    /**
     * Finishes every move recorded on the shards: a bucket marked but not flipped is copied again (idempotent)
     * and cut over; a bucket flipped on its source only gets its target's record.
     */
    public MoveReport resume() {
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
        MoveReport rest = runGroups(List.copyOf(groups.values()), marked);
        done.addAll(rest.buckets());
        return new MoveReport(rule.name(), done, Duration.ofNanos(System.nanoTime() - start), rest.copy());
    }

    private MoveReport runGroups(List<List<BucketMove>> groups, Map<Integer, Long> marked) {
        long start = System.nanoTime();
        groups.forEach(g -> planned.addAndGet(g.size()));
        List<MoveReport.BucketResult> results = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.concurrency(), Math.max(1,
                groups.size())), r -> {
                    Thread t = new Thread(r, "shardkit-resharder-" + rule.name());
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<BucketMove> group : groups) {
                futures.add(pool.submit(() -> results.addAll(new GroupMove(this, group).run(marked))));
            }
            RuntimeException failure = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    RuntimeException cause = ex.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException(ex.getCause());
                    if (ex.getCause() instanceof Error error) {
                        throw error;
                    }
                    failure = failure == null ? cause : failure;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while moving buckets of rule " + rule.name(), ex);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
        MoveReport report = new MoveReport(rule.name(), results, Duration.ofNanos(System.nanoTime() - start),
                new MoveReport.Copy(copyRows.getAndSet(0), Duration.ofNanos(copyNanos.getAndSet(0))));
        LOG.info("Rule '{}': {}", rule.name(), report);
        return report;
    }

    /**
     * Undoes a move that has not flipped: the source stops journaling, the journal and the move record go, and
     * the target's copies of the bucket are deleted. A flipped bucket is moved back with {@link #move} instead.
     *
     * @throws ReshardException when the bucket has flipped already, or has no recorded move
     */
    public void rollback(int bucket) {
        BucketTables.MoveRow row = status().stream().filter(m -> m.bucket() == bucket).findFirst()
                .orElseThrow(() -> ReshardException.noMoveRecorded(rule.name(), bucket));
        BucketMove move = new BucketMove(bucket, row.source(), row.target());
        if (!row.state().equals(MoveState.COPYING.name())) {
            throw ReshardException.notMovable(rule.name(), move, "it was flipped (" + row.state()
                    + "); move it back instead of rolling back");
        }
        try (Connection c = GroupMove.connect(shard(row.source()))) {
            c.setAutoCommit(false);
            try {
                BucketTables.lockExclusive(c, rule.name(), bucket);
                BucketTables.setMoving(c, rule.name(), bucket, null);
                BucketTables.clearJournal(c, rule.name(), bucket);
                BucketTables.deleteMove(c, rule.name(), bucket);
                c.commit();
            } finally {
                GroupMove.rollbackQuietly(c);
            }
        } catch (SQLException ex) {
            throw ReshardException.failed(rule.name(), move, MoveStep.MARK, ex);
        }
        try (Connection c = GroupMove.connect(shard(row.target()))) {
            c.setAutoCommit(false);
            sql.deleteBuckets(c, Set.of(bucket), config.batchSize());
        } catch (SQLException ex) {
            throw ReshardException.failed(rule.name(), move, MoveStep.CLEANUP, ex);
        }
        LOG.info("Rule '{}': move of bucket {} from '{}' to '{}' rolled back", rule.name(), bucket, row.source(),
                row.target());
    }

    /**
     * Deletes from their old owners the rows of buckets flipped at least {@link ReshardConfig#cleanupDelay()} ago,
     * and forgets those moves. Returns the rows deleted.
     */
    public long cleanup() {
        Instant due = Instant.now().minus(config.cleanupDelay());
        Map<String, Set<Integer>> bySource = new LinkedHashMap<>();
        for (BucketTables.MoveRow row : status()) {
            if (row.state().equals(MoveState.DONE.name()) && !row.updated().isAfter(due)) {
                bySource.computeIfAbsent(row.source(), k -> new HashSet<>()).add(row.bucket());
            }
        }
        long deleted = 0;
        for (Map.Entry<String, Set<Integer>> e : bySource.entrySet()) {
            listener.beforeStep(new BucketMove(e.getValue().iterator().next(), e.getKey(), "?"), MoveStep.CLEANUP);
            try (Connection c = GroupMove.connect(shard(e.getKey()))) {
                c.setAutoCommit(false);
                deleted += sql.deleteBuckets(c, e.getValue(), config.batchSize());
                for (int bucket : e.getValue()) {
                    BucketTables.deleteMove(c, rule.name(), bucket);
                }
                c.commit();
            } catch (SQLException ex) {
                throw ReshardException.failed(rule.name(), new BucketMove(-1, e.getKey(), "?"), MoveStep.CLEANUP, ex);
            }
        }
        return deleted;
    }

    /** Every move recorded on the rule's shards, by source shard then bucket. */
    public List<BucketTables.MoveRow> status() {
        List<BucketTables.MoveRow> all = new ArrayList<>();
        for (Shard shard : shards.values()) {
            try (Connection c = GroupMove.connect(shard)) {
                all.addAll(BucketTables.moves(c, rule.name()));
            } catch (SQLException ex) {
                throw ReshardException.failed(rule.name(), new BucketMove(-1, shard.name(), "?"), MoveStep.MARK, ex);
            }
        }
        return all;
    }

    /**
     * Live figures for meters and the actuator.
     *
     * @param planned    buckets handed to runs so far
     * @param flipped    buckets flipped so far
     * @param rowsCopied rows written to targets so far
     */
    public record Progress(long planned, long flipped, long rowsCopied) {
    }

    /** Progress of this resharder's runs. */
    public Progress progress() {
        return new Progress(planned.get(), flipped.get(), rowsCopied.get());
    }

    /** Journal entries waiting for replay, over all shards of the rule: the catch-up lag. */
    public long journalLag() {
        long lag = 0;
        for (Shard shard : shards.values()) {
            try (Connection c = GroupMove.connect(shard)) {
                lag += BucketTables.journalSize(c, rule.name());
            } catch (SQLException ex) {
                throw ReshardException.failed(rule.name(), new BucketMove(-1, shard.name(), "?"), MoveStep.CATCH_UP,
                        ex);
            }
        }
        return lag;
    }

    /** The target (unless it already has) and every other shard record the new owner; the move is DONE. */
    void finishFlip(BucketMove move, long bucketEpoch, boolean target) {
        try {
            if (target) {
                listener.beforeStep(move, MoveStep.FLIP_TARGET);
                setOwner(shard(move.target()), move, bucketEpoch);
            }
            strategy.learn(move.bucket(), move.target(), bucketEpoch);
            for (Shard other : shards.values()) {
                if (!other.name().equals(move.source()) && !other.name().equals(move.target())) {
                    setOwner(other, move, bucketEpoch);
                }
            }
            try (Connection c = GroupMove.connect(shard(move.source()))) {
                BucketTables.saveMove(c, rule.name(), new BucketTables.MoveRow(move.bucket(), move.source(),
                        move.target(), MoveState.DONE.name(), bucketEpoch, Instant.now()));
            }
        } catch (SQLException ex) {
            throw ReshardException.failed(rule.name(), move, MoveStep.FLIP_TARGET, ex);
        }
        flipped.incrementAndGet();
    }

    private void setOwner(Shard shard, BucketMove move, long bucketEpoch) throws SQLException {
        try (Connection c = GroupMove.connect(shard)) {
            BucketTables.setOwner(c, rule.name(), move.bucket(), move.target(), bucketEpoch);
        }
    }

    Shard shard(String name) {
        Shard shard = shards.get(name);
        if (shard == null) {
            throw new UnknownShardException(rule.name(), name, shards.keySet());
        }
        return shard;
    }

    long nextEpoch() {
        return epoch.incrementAndGet();
    }

    TableSql sql() {
        return sql;
    }

    MoveListener listener() {
        return listener;
    }

    void copied(BucketMove move, long rows) {
        rowsCopied.addAndGet(rows);
        listener.rowsCopied(move, rows);
    }

    void copyPhase(long rows, long nanos) {
        copyRows.addAndGet(rows);
        copyNanos.addAndGet(nanos);
    }

    void moved(MoveReport.BucketResult result) {
        listener.moved(result);
    }

    /** Builds a {@link Resharder}. Not thread-safe. */
    public static final class Builder {
        private final ShardingRule rule;
        private List<MoveTable> tables = List.of();
        private ReshardConfig config = ReshardConfig.ofDefaults();
        private MoveListener listener = new MoveListener() { };

        private Builder(ShardingRule rule) {
            this.rule = Objects.requireNonNull(rule, "rule");
            if (!(rule.strategy() instanceof BucketedStrategy)) {
                throw new ShardingConfigurationException("Rule '" + rule.name() + "' is "
                        + rule.strategy().describe() + ", not bucketed; only a bucketed rule's buckets can move");
            }
        }

        /** The tables whose rows move with their bucket: roots first, then their children. */
        public Builder tables(MoveTable... tables) {
            this.tables = List.of(tables);
            return this;
        }

        public Builder config(ReshardConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        public Builder listener(MoveListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Resharder build() {
            return new Resharder(this);
        }
    }
}
