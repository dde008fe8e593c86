package io.shardkit.bucket;

import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import io.shardkit.TransactionFence;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The write side of a bucketed rule: every write of a key takes its bucket's fence on the shard it writes to, in
 * the writer's own transaction. {@link #enter} reads the bucket's row in {@code shardkit_bucket_map} under a shared
 * row lock ({@link BucketDialect#sharedLock()}); the mover takes the same row exclusively for a bucket's cutover,
 * so a write and a cutover of one bucket never overlap, and writes to buckets that are not moving never wait for
 * the mover. Then:
 * <ul>
 *   <li>the shard refuses the write with {@link BucketMovedException} when its row names another owner: after a
 *       move the old owner refuses every write for the bucket, so an instance with a stale map cannot commit
 *       there;</li>
 *   <li>when the bucket is moving away from this shard, the key goes into {@code shardkit_bucket_journal} in the
 *       same transaction, for the mover to replay on the target.</li>
 * </ul>
 *
 * <pre>{@code
 * BucketWrites writes = BucketWrites.of(ordersRule);
 * writes.write(order.customerId(), c -> {           // routed by the bucket map, one local transaction,
 *     insertOrder(c, order);                        // retried on the new owner when the bucket moved
 *     outbox.append(c, OutboxEvent.of("Order", order.id(), "OrderPlaced", json));
 *     return null;
 * });
 * }</pre>
 * Code that routes its own calls binds the key's {@link #fence} with the shard
 * ({@code ShardContext.bind(shard, writes.fence(key))}; the Spring starter's {@code @Sharded} advice does this): the
 * routing DataSource's connections then take it before each transaction's first write. Code that uses neither
 * calls {@link #enter(Connection, Object)} as the first statement of each transaction that writes a key of the rule
 * (with the key's shard bound), and runs the transaction again on {@link BucketMovedException} after
 * {@link #recover}.
 *
 * <p>Cost: one primary-key read per write transaction; nothing is allocated for the lock beyond the JDBC
 * statement. Immutable and thread-safe.
 */
public final class BucketWrites {

    /** Default longest time {@link #write} keeps retrying a key whose bucket is being flipped: 10 seconds. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(10);

    /** What a write through {@link #write} ran into; for meters and the fence-time figures of a move. */
    @FunctionalInterface
    public interface Observer {
        /**
         * A write committed.
         *
         * @param bucket      the key's bucket
         * @param attempts    1, or more when an old owner refused it
         * @param fenceNanos  time from the first attempt to holding the bucket's fence on the owner
         */
        void written(int bucket, int attempts, long fenceNanos);
    }

    /** The body of a write, on the owner's connection inside its transaction. */
    @FunctionalInterface
    public interface Work<T> {
        @Nullable T run(Connection connection) throws SQLException;
    }

    private static final Observer NO_OBSERVER = (bucket, attempts, fenceNanos) -> { };

    private final ShardingRule rule;
    private final BucketedStrategy strategy;
    private final long maxWaitNanos;
    private final Observer observer;
    private final Map<String, BucketDialect> dialects;

    private BucketWrites(ShardingRule rule, BucketedStrategy strategy, long maxWaitNanos, Observer observer,
                         Map<String, BucketDialect> dialects) {
        this.rule = rule;
        this.strategy = strategy;
        this.maxWaitNanos = maxWaitNanos;
        this.observer = observer;
        this.dialects = dialects;
    }

    /** The writes of {@code rule}, whose strategy must be a {@link BucketedStrategy}. */
    public static BucketWrites of(ShardingRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (!(rule.strategy() instanceof BucketedStrategy bucketed)) {
            throw new ShardingConfigurationException("Rule '" + rule.name() + "' is " + rule.strategy().describe()
                    + ", not bucketed; bucket fences and moves need a bucketed rule (strategy: bucketed)");
        }
        return new BucketWrites(rule, bucketed, DEFAULT_MAX_WAIT.toNanos(), NO_OBSERVER, new ConcurrentHashMap<>());
    }

    /** A copy that retries a refused write for at most {@code maxWait} (default {@link #DEFAULT_MAX_WAIT}). */
    public BucketWrites withMaxWait(Duration maxWait) {
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new ShardingConfigurationException("BucketWrites maxWait must be positive but was " + maxWait);
        }
        return new BucketWrites(rule, strategy, maxWait.toNanos(), observer, dialects);
    }

    /** A copy that reports every committed write to {@code observer}. */
    public BucketWrites withObserver(Observer observer) {
        return new BucketWrites(rule, strategy, maxWaitNanos, Objects.requireNonNull(observer, "observer"),
                dialects);
    }

    /** The rule. */
    public ShardingRule rule() {
        return rule;
    }

    /** The rule's strategy. */
    public BucketedStrategy strategy() {
        return strategy;
    }

    /**
     * Runs {@code work} in one local transaction on the owner of {@code key}'s bucket, with that shard bound and the
     * bucket's fence taken first; commits, or rolls back and rethrows. A refusal by an old owner teaches the
     * strategy the new owner and runs the work again there, for up to the max wait.
     *
     * @throws BucketMovedException when the owner could not be reached within the max wait
     */
    public <T> @Nullable T write(Object key, Work<T> work) throws SQLException {
        Objects.requireNonNull(work, "work");
        long start = System.nanoTime();
        int bucket = strategy.bucketOf(rule.name(), key);
        for (int attempt = 1; ; attempt++) {
            Shard shard = rule.shards().get(strategy.map().ownerOf(bucket));
            try (ShardScope ignored = ShardContext.bind(shard); Connection c = connect(shard)) {
                c.setAutoCommit(false);
                try {
                    enter(c, shard, key, bucket);
                    long fenced = System.nanoTime() - start;
                    T result = work.run(c);
                    c.commit();
                    observer.written(bucket, attempt, fenced);
                    return result;
                } catch (BucketMovedException moved) {
                    c.rollback();
                    if (!recover(moved, start)) {
                        throw moved;
                    }
                } catch (SQLException | RuntimeException | Error ex) {
                    c.rollback();
                    throw ex;
                }
            }
        }
    }

    /**
     * After a write was refused with {@code moved} (and its transaction rolled back): teaches the map the owner the
     * refusing shard records, so routing the write again goes there. Returns {@code false} when the write has
     * waited longer than the max wait since {@code startNanos} ({@link System#nanoTime()} of its first attempt),
     * and should fail with {@code moved}. For code that routes writes itself (shardkit's {@code @Sharded} advice
     * runs the call again after this).
     */
    public boolean recover(BucketMovedException moved, long startNanos) throws SQLException {
        if (System.nanoTime() - startNanos > maxWaitNanos) {
            return false;
        }
        if (!strategy.learn(moved.getBucket(), moved.getOwner(), moved.getEpoch())) {
            finishFlip(moved);
        }
        return true;
    }

    /**
     * The refusing shard records an owner older than the one the map knows, and the map names that shard: the
     * source has flipped (only its commit creates the newer epoch) but the mover has not told this target yet, for
     * instance because it died in between. The flip is decided, so the writer records it there and goes on.
     */
    private void finishFlip(BucketMovedException moved) throws SQLException {
        BucketMap known = strategy.map();
        int bucket = moved.getBucket();
        String refusing = moved.getShard();
        if (refusing != null && known.ownerName(bucket).equals(refusing) && known.epochOf(bucket) > moved.getEpoch()) {
            Shard shard = rule.shards().get(known.ownerOf(bucket));
            try (Connection c = connect(shard)) {
                c.setAutoCommit(false);
                BucketTables.setOwner(c, rule.name(), bucket, shard.name(), known.epochOf(bucket));
                c.commit();
            }
        } else {
            LockSupport.parkNanos(200_000);
        }
    }

    /**
     * The fence of {@code key}'s bucket for a routed call, to bind with the owner's shard
     * ({@code ShardContext.bind(shard, fence)}): each transaction of the routing DataSource's connections then takes
     * the fence ({@link #enter(Connection, Shard, Object)}) before its first write, and a write in auto-commit mode
     * is refused with {@link UnfencedWriteException}.
     */
    public TransactionFence fence(Object key) {
        int bucket = strategy.bucketOf(rule.name(), key);
        return new TransactionFence() {
            @Override
            public void enter(Connection connection, Shard shard) throws SQLException {
                BucketWrites.this.enter(connection, shard, key, bucket);
            }

            @Override
            public ShardingException outsideTransaction(Shard shard, String operation) {
                return UnfencedWriteException.autoCommit(rule.name(), key, bucket, shard.name(), operation);
            }
        };
    }

    /**
     * The fence of a call routed by {@code id}, an id minted for this rule that carries {@code bucket}
     * ({@link BucketIdRouting}): each transaction's first write checks, under the bucket row's shared lock, that
     * the shard owns the bucket ({@link BucketMovedException} otherwise, as for a write by key). While the bucket is
     * moving away the write is refused with {@link UnfencedWriteException#movingById}: the journal records shard
     * keys, which an id does not give.
     */
    public TransactionFence idFence(int bucket, Object id) {
        Objects.requireNonNull(id, "id");
        return new TransactionFence() {
            @Override
            public void enter(Connection connection, Shard shard) throws SQLException {
                if (owned(connection, shard, id, bucket).movingTo() != null) {
                    throw UnfencedWriteException.movingById(rule.name(), id, bucket, shard.name());
                }
            }

            @Override
            public ShardingException outsideTransaction(Shard shard, String operation) {
                return UnfencedWriteException.autoCommit(rule.name(), id, bucket, shard.name(), operation);
            }
        };
    }

    /** {@link #enter(Connection, Shard, Object)} on the shard bound to the calling thread. */
    public void enter(Connection connection, Object key) throws SQLException {
        Shard shard = ShardContext.current();
        if (shard == null) {
            throw new NoShardBoundException("bucket fence of rule '" + rule.name() + "'");
        }
        enter(connection, shard, key);
    }

    /**
     * Takes {@code key}'s bucket fence on {@code shard} in {@code connection}'s open transaction: refuses the write
     * when the shard does not own the bucket, journals the key when the bucket is moving away. Call it before the
     * transaction's writes; the fence lasts until the transaction ends.
     *
     * @throws BucketMovedException when {@code shard} does not own the bucket
     */
    public void enter(Connection connection, Shard shard, Object key) throws SQLException {
        enter(connection, shard, key, strategy.bucketOf(rule.name(), key));
    }

    private void enter(Connection c, Shard shard, Object key, int bucket) throws SQLException {
        if (owned(c, shard, key, bucket).movingTo() != null) {
            BucketTables.journal(c, rule.name(), bucket, key);
        }
    }

    /**
     * The bucket's row on {@code shard}, read under its shared lock in {@code c}'s transaction; refuses with
     * {@link BucketMovedException} when it names another owner.
     */
    private BucketTables.MapRow owned(Connection c, Shard shard, Object key, int bucket) throws SQLException {
        BucketTables.MapRow row = BucketTables.lockShared(c, dialect(shard, c), rule.name(), bucket);
        if (row == null) {
            throw BucketMapException.noRow(rule.name(), key, bucket, shard.name());
        }
        if (!row.owner().equals(shard.name())) {
            throw BucketMovedException.notOwner(rule.name(), key, bucket, shard.name(), row.owner(), row.epoch());
        }
        return row;
    }

    private BucketDialect dialect(Shard shard, Connection c) throws SQLException {
        BucketDialect dialect = dialects.get(shard.name());
        if (dialect == null) {
            dialect = BucketDialect.of(c);
            dialects.put(shard.name(), dialect);
        }
        return dialect;
    }

    private static Connection connect(Shard shard) {
        try {
            return shard.dataSource().getConnection();
        } catch (SQLException ex) {
            throw ShardUnavailableException.noConnection(shard.name(), null, ex);
        }
    }
}
