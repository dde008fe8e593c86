package io.shardkit.scatter;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.shardkit.KeyRange;
import io.shardkit.Shard;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import io.shardkit.UnknownShardException;
import io.shardkit.metrics.ShardingMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs one piece of work on many shards in parallel and merges the answers. Three ways to choose the shards:
 * every shard of a rule ({@link #onEveryShard}), the shards a key range can touch ({@link #onShardsFor}), or
 * the shards owning a collection of keys, each handed only its own keys ({@link #onShardsOwning}).
 *
 * <pre>{@code
 * ScatterResult<List<Order>> newest = scatter.onShardsFor(orders, KeyRange.closed(from, to),
 *         req -> jdbc.query("SELECT ... ORDER BY created_at DESC LIMIT ?", mapper, req.limit()),
 *         Merges.topN(NEWEST_FIRST, 20));
 * }</pre>
 *
 * <p>Each shard's call runs on a worker with its shard bound through {@link io.shardkit.ShardContext} and
 * unbound afterwards; the caller waits for the slowest shard, never the sum. A call that runs longer than the
 * per-shard timeout, or is still running at the overall deadline, is cancelled (its thread interrupted) and
 * fails with {@link ShardTimeoutException}. Shard calls of a rule that recently took less than
 * {@link #DEFAULT_INLINE_BELOW} (see {@link ScatterGatherExecutorBuilder#inlineBelow}) run one after the other on
 * the caller's thread instead, since handing them off would cost more than they do. With circuit breakers configured, a shard whose breaker is open is
 * not called at all and fails at once with {@link ShardCircuitOpenException}. What a failure does is the
 * {@link FailurePolicy}: {@code FAIL_FAST} (default) cancels the stragglers and throws
 * {@link ScatterGatherException}; {@code PARTIAL} merges what succeeded and lists the rest.
 *
 * <p>Thread-safe; meant to be shared. Configuration is immutable once built. {@link #close()} shuts down the
 * pool it created (not a user-supplied executor).
 */
public final class ScatterGatherExecutor implements AutoCloseable {

    public static final int DEFAULT_PARALLELISM = 16;
    public static final int DEFAULT_QUEUE_CAPACITY = 1024;
    /** A fan-out serves a request: by default it answers, or fails naming the slow shard, within 2 s. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(2);
    /** No shard may take longer than the whole fan-out: the deadline. */
    public static final Duration DEFAULT_SHARD_TIMEOUT = DEFAULT_DEADLINE;
    public static final FailurePolicy DEFAULT_FAILURE_POLICY = FailurePolicy.FAIL_FAST;
    /**
     * Shard calls of a rule faster than this (by a moving estimate) run in turn on the caller's thread: 20 µs,
     * about what handing one call to a worker and waking the caller costs on a busy two-core machine.
     */
    public static final Duration DEFAULT_INLINE_BELOW = Duration.ofNanos(20_000);

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Settings settings;
    private final @Nullable ThreadPoolExecutor ownedPool;

    ScatterGatherExecutor(@Nullable Executor executor, int parallelism, int queueCapacity, Settings base) {
        ThreadPoolExecutor owned = executor == null ? newPool(parallelism, queueCapacity) : null;
        this.ownedPool = owned;
        this.settings = base.withExecutor(executor != null ? executor : Objects.requireNonNull(owned));
    }

    /** Starts a configuration; see {@link ScatterGatherExecutorBuilder} for each setting and its default. */
    public static ScatterGatherExecutorBuilder builder() {
        return new ScatterGatherExecutorBuilder();
    }

    /** An executor with every default: its own pool, fail-fast, no circuit breakers, no metrics. */
    public static ScatterGatherExecutor ofDefaults() {
        return builder().build();
    }

    /** The name of the circuit breaker guarding {@code shard} under {@code rule}: {@code rule/shard}. */
    public static String breakerName(String rule, String shard) {
        return ShardAdmission.name(rule, shard);
    }

    /** Runs {@code call} on every shard of {@code rule}, in parallel, and merges the results in shard order. */
    public <K, T, R> ScatterResult<R> onEveryShard(ShardingRule rule, ShardCall<K, T> call, Merger<T, R> merger) {
        Objects.requireNonNull(rule, "rule");
        return onShards(rule, rule.shards(), call, merger);
    }

    /**
     * Runs {@code call} on the shards that can hold keys in {@code range} ({@link ShardingRule#shardsFor}): a
     * range rule prunes to the overlapping shards, a hash rule visits all.
     */
    public <C extends Comparable<? super C>, T, R> ScatterResult<R> onShardsFor(ShardingRule rule, KeyRange<C> range,
                                                                              ShardCall<C, T> call,
                                                                              Merger<T, R> merger) {
        Objects.requireNonNull(rule, "rule");
        return onShards(rule, rule.shardsFor(Objects.requireNonNull(range, "range")), call, merger);
    }

    /**
     * Runs {@code call} on the shards owning {@code keys}, each with only its own keys
     * ({@link ShardRequest#keys()}, in the order given); a shard owning none is not touched, so an empty
     * collection touches no shard and merges an empty list. A key the rule cannot place fails the call before
     * any shard runs.
     */
    public <K, T, R> ScatterResult<R> onShardsOwning(ShardingRule rule, Iterable<? extends K> keys,
                                                     ShardCall<K, T> call, Merger<T, R> merger) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(merger, "merger");
        List<ShardRequest<K>> requests = new ArrayList<>();
        for (ShardingRule.ShardKeys<K> group : rule.<K>groupByShard(Objects.requireNonNull(keys, "keys"))) {
            requests.add(new ShardRequest<>(rule.name(), group.shard(), group.keys(), merger.perShardLimit()));
        }
        return run(rule.name(), requests, call, merger);
    }

    /**
     * Runs {@code call} on the given shards of {@code rule} (each must belong to it), for callers that choose
     * the shards themselves, e.g. a pager skipping exhausted shards.
     */
    public <K, T, R> ScatterResult<R> onShards(ShardingRule rule, List<Shard> shards, ShardCall<K, T> call,
                                               Merger<T, R> merger) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(merger, "merger");
        List<ShardRequest<K>> requests = new ArrayList<>(shards.size());
        for (Shard shard : shards) {
            requireMember(rule, shard);
            requests.add(new ShardRequest<>(rule.name(), shard, List.of(), merger.perShardLimit()));
        }
        return run(rule.name(), requests, call, merger);
    }

    /**
     * Runs {@code write} on every shard of {@code rule}, one shard after the other in shard order, and reports
     * per shard what succeeded: a failing shard does not stop the others, and the result is returned (not
     * thrown) whatever failed; {@link ScatterResult#requireComplete()} turns failures into an exception.
     * Per-shard timeouts and circuit breakers apply as for reads.
     *
     * <p>Retry contract: a broadcast is not atomic across shards. Running it again after a partial failure is
     * safe if and only if the write is idempotent (an upsert / {@code MERGE}, an insert guarded by a key, an
     * update to absolute values); a non-idempotent write (e.g. {@code SET n = n + 1}) would apply twice on the
     * shards that had succeeded.
     */
    public <K, T> ScatterResult<List<T>> broadcast(ShardingRule rule, ShardCall<K, T> write) {
        return broadcast(rule, write, results -> results);
    }

    /**
     * {@link #broadcast(ShardingRule, ShardCall)}, the results of the shards that succeeded merged by
     * {@code merger} (e.g. {@link Merges#sumInt()} for update counts).
     */
    public <K, T, R> ScatterResult<R> broadcast(ShardingRule rule, ShardCall<K, T> write, Merger<T, R> merger) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(write, "write");
        Objects.requireNonNull(merger, "merger");
        Settings oneByOne = settings.withPolicy(FailurePolicy.PARTIAL);
        List<T> values = new ArrayList<>();
        List<Shard> succeeded = new ArrayList<>();
        List<ShardFailure> failures = new ArrayList<>();
        for (Shard shard : rule.shards()) {
            ShardRequest<K> request = new ShardRequest<>(rule.name(), shard, List.of(), ShardRequest.NO_LIMIT);
            FanOut.Gathered<T> one = new FanOut<>(oneByOne, rule.name(), List.of(request), write).run();
            values.addAll(one.values());
            succeeded.addAll(one.succeeded());
            failures.addAll(one.failures());
        }
        FanOut.Gathered<T> all = new FanOut.Gathered<>(values, succeeded, failures);
        return new ScatterResult<>(rule.name(), merge(rule.name(), merger, all), succeeded, failures);
    }

    /** The state of the circuit breaker guarding {@code shard} under {@code rule}; empty without breakers. */
    public Optional<CircuitBreaker.State> breakerState(String rule, String shard) {
        return Optional.ofNullable(settings.guard().state(Objects.requireNonNull(rule, "rule"),
                Objects.requireNonNull(shard, "shard")));
    }

    public FailurePolicy failurePolicy() {
        return settings.policy();
    }

    public Duration shardTimeout() {
        return settings.shardTimeout();
    }

    public Duration deadline() {
        return settings.deadline();
    }

    /** Below what recent shard-call latency a rule's calls run on the caller's thread; zero: never. */
    public Duration inlineBelow() {
        return Duration.ofNanos(settings.inline().belowNanos());
    }

    /** Shuts down the pool this executor created, interrupting calls still running; a supplied one is untouched. */
    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.shutdownNow();
        }
    }

    private <K, T, R> ScatterResult<R> run(String rule, List<ShardRequest<K>> requests, ShardCall<K, T> call,
                                           Merger<T, R> merger) {
        FanOut.Gathered<T> gathered = new FanOut<>(settings, rule, requests, call).run();
        long mergeStart = System.nanoTime();
        R merged = merge(rule, merger, gathered);
        settings.metrics().merge(rule, System.nanoTime() - mergeStart);
        return new ScatterResult<>(rule, merged, gathered.succeeded(), gathered.failures());
    }

    /**
     * The merged value; a merge that fails on one shard's result names that shard here (mergers see results by
     * position only), and any other failure of the merger is a {@link ScatterGatherException} naming the rule.
     */
    private static <T, R> R merge(String rule, Merger<T, R> merger, FanOut.Gathered<T> gathered) {
        try {
            return merger.merge(gathered.values());
        } catch (UnsortedShardResultException ex) {
            throw ex.getShard() != null ? ex : ex.inShard(rule, gathered.succeeded().get(ex.getPosition()));
        } catch (MergeConflictException ex) {
            throw ex.getShard() != null ? ex : ex.onShards(rule, gathered.succeeded());
        } catch (ShardingException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw ScatterGatherException.mergeFailed(rule, ex);
        }
    }

    private static void requireMember(ShardingRule rule, Shard shard) {
        Objects.requireNonNull(shard, "shard");
        if (!rule.shards().contains(shard)) {
            throw new UnknownShardException(rule.name(), shard.name(),
                    rule.shards().stream().map(Shard::name).toList());
        }
    }

    private static ThreadPoolExecutor newPool(int parallelism, int queueCapacity) {
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "shardkit-scatter-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(parallelism, parallelism, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), factory);
        // Idle workers go away, so an executor that fans out rarely holds no threads.
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The immutable settings a fan-out runs with. */
    record Settings(Executor executor, Duration shardTimeout, Duration deadline, FailurePolicy policy,
                    ShardAdmission guard, ShardingMetrics metrics, InlinePolicy inline) {

        Settings withExecutor(Executor executor) {
            return new Settings(executor, shardTimeout, deadline, policy, guard, metrics, inline);
        }

        Settings withPolicy(FailurePolicy policy) {
            return new Settings(executor, shardTimeout, deadline, policy, guard, metrics, inline);
        }
    }
}
