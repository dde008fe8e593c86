package io.shardkit.reshard;

import io.shardkit.Shard;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.UnknownShardException;
import io.shardkit.bucket.BucketTables;
import io.shardkit.bucket.BucketedStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    private final MoveRecovery recovery;
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
        // Last: the recovery reads the shards' move records through the fields set above.
        this.recovery = new MoveRecovery(this);
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
        return recovery.resume();
    }

    /** Runs {@code groups}; {@code marked} holds the epochs of buckets already marked (a resumed move). */
    MoveReport runGroups(List<List<BucketMove>> groups, Map<Integer, Long> marked) {
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
        recovery.rollback(bucket);
    }

    /**
     * Deletes from their old owners the rows of buckets flipped at least {@link ReshardConfig#cleanupDelay()} ago,
     * and forgets those moves. Returns the rows deleted.
     */
    public long cleanup() {
        return recovery.cleanup();
    }

    /** Every move recorded on the rule's shards, by source shard then bucket. */
    public List<BucketTables.MoveRow> status() {
        return recovery.status();
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
        return recovery.journalLag();
    }

    /** See {@link MoveRecovery#finishFlip}. */
    void finishFlip(BucketMove move, long bucketEpoch, boolean target) {
        recovery.finishFlip(move, bucketEpoch, target);
    }

    void countFlip() {
        flipped.incrementAndGet();
    }

    Shard shard(String name) {
        Shard shard = shards.get(name);
        if (shard == null) {
            throw new UnknownShardException(rule.name(), name, shards.keySet());
        }
        return shard;
    }

    Collection<Shard> shards() {
        return shards.values();
    }

    BucketedStrategy strategy() {
        return strategy;
    }

    long nextEpoch() {
        return recovery.nextEpoch();
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
