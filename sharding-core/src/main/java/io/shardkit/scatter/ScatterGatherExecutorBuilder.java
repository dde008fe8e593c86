package io.shardkit.scatter;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.metrics.ShardingMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ScatterGatherExecutor}. Each setter validates its value at once; {@link #build()} checks the
 * rules that span settings. Not thread-safe.
 */
public final class ScatterGatherExecutorBuilder {

    private int parallelism = ScatterGatherExecutor.DEFAULT_PARALLELISM;
    private int queueCapacity = ScatterGatherExecutor.DEFAULT_QUEUE_CAPACITY;
    private boolean poolSized;
    private @Nullable Executor executor;
    private Duration shardTimeout = ScatterGatherExecutor.DEFAULT_SHARD_TIMEOUT;
    private Duration deadline = ScatterGatherExecutor.DEFAULT_DEADLINE;
    private FailurePolicy failurePolicy = ScatterGatherExecutor.DEFAULT_FAILURE_POLICY;
    private @Nullable CircuitBreakerRegistry circuitBreakers;
    private ShardingMetrics metrics = ShardingMetrics.NOOP;
    private Duration inlineBelow = ScatterGatherExecutor.DEFAULT_INLINE_BELOW;
    private BooleanSupplier inlineWhen = () -> true;

    ScatterGatherExecutorBuilder() {
    }

    /**
     * How many shard calls run at once on the pool the executor creates (and shuts down on
     * {@link ScatterGatherExecutor#close()}); default {@value ScatterGatherExecutor#DEFAULT_PARALLELISM}.
     * Not with {@link #executor(Executor)}.
     */
    public ScatterGatherExecutorBuilder parallelism(int parallelism) {
        if (parallelism < 1) {
            throw new ShardingConfigurationException("parallelism must be >= 1 but was " + parallelism);
        }
        this.parallelism = parallelism;
        this.poolSized = true;
        return this;
    }

    /**
     * How many shard calls may wait for a worker of the created pool; beyond that a shard fails as rejected
     * rather than queueing without bound. Default {@value ScatterGatherExecutor#DEFAULT_QUEUE_CAPACITY}. Not with
     * {@link #executor(Executor)}.
     */
    public ScatterGatherExecutorBuilder queueCapacity(int queueCapacity) {
        if (queueCapacity < 1) {
            throw new ShardingConfigurationException("queueCapacity must be >= 1 but was " + queueCapacity);
        }
        this.queueCapacity = queueCapacity;
        this.poolSized = true;
        return this;
    }

    /**
     * Runs shard calls on this executor instead of a created pool, e.g. virtual threads on Java 21+
     * ({@code Executors.newVirtualThreadPerTaskExecutor()}). The caller keeps ownership: closing the
     * scatter-gather executor does not shut it down. Cancellation interrupts the thread running the call, so the
     * executor must run each task on a thread of its own (not the caller's).
     */
    public ScatterGatherExecutorBuilder executor(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Longest one shard's call may run, counted from when it starts; then it is cancelled and fails with
     * {@link ShardTimeoutException}. Default {@link ScatterGatherExecutor#DEFAULT_SHARD_TIMEOUT}.
     */
    public ScatterGatherExecutorBuilder shardTimeout(Duration shardTimeout) {
        this.shardTimeout = positive("shardTimeout", shardTimeout);
        return this;
    }

    /**
     * Longest a whole scatter-gather may take, counted from the fan-out, queueing included; shards still
     * running then are cancelled and fail with {@link ShardTimeoutException}. Default
     * {@link ScatterGatherExecutor#DEFAULT_DEADLINE}.
     */
    public ScatterGatherExecutorBuilder deadline(Duration deadline) {
        this.deadline = positive("deadline", deadline);
        return this;
    }

    /** What a shard failure does to the call; default {@link FailurePolicy#FAIL_FAST}. */
    public ScatterGatherExecutorBuilder failurePolicy(FailurePolicy failurePolicy) {
        this.failurePolicy = Objects.requireNonNull(failurePolicy, "failurePolicy");
        return this;
    }

    /**
     * Guards each rule's shards with circuit breakers from this registry, one per rule and shard, named
     * {@link ScatterGatherExecutor#breakerName(String, String)}; their configuration is the registry's. Without
     * it (the default) no shard is ever skipped.
     */
    public ScatterGatherExecutorBuilder circuitBreakerRegistry(CircuitBreakerRegistry circuitBreakers) {
        this.circuitBreakers = Objects.requireNonNull(circuitBreakers, "circuitBreakers");
        return this;
    }

    /** Where fan-out width, per-shard latency and outcome, and merge time go; default {@link ShardingMetrics#NOOP}. */
    public ScatterGatherExecutorBuilder metrics(ShardingMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /**
     * Shard calls of a rule whose recent latency (a moving estimate per rule) is below this run one after the
     * other on the caller's thread rather than on the pool, because handing a call off and waking the caller costs
     * more than such a call; slower calls fan out. Default {@link ScatterGatherExecutor#DEFAULT_INLINE_BELOW};
     * {@link Duration#ZERO} always fans out.
     *
     * <p>Consequence: a call run inline cannot be interrupted. One that outlasts {@link #shardTimeout} fails with
     * {@link ShardTimeoutException} when it returns (its value is dropped), a call not started by the
     * {@link #deadline} is not started, and the slow call sends the rule's next fan-outs back to the pool. Under
     * fail-fast the first failure leaves the remaining shards uncalled.
     */
    public ScatterGatherExecutorBuilder inlineBelow(Duration inlineBelow) {
        Objects.requireNonNull(inlineBelow, "inlineBelow");
        if (inlineBelow.isNegative()) {
            throw new ShardingConfigurationException("inlineBelow must be >= 0 but was " + inlineBelow.toNanos()
                    + "ns");
        }
        this.inlineBelow = inlineBelow;
        return this;
    }

    /**
     * A condition on the calling thread for running shard calls on it (see {@link #inlineBelow}), besides no
     * shard being bound there; e.g. no transaction open, so that per-shard transactions are not joined to the
     * caller's. Default: always.
     */
    public ScatterGatherExecutorBuilder inlineWhen(BooleanSupplier inlineWhen) {
        this.inlineWhen = Objects.requireNonNull(inlineWhen, "inlineWhen");
        return this;
    }

    public ScatterGatherExecutor build() {
        if (executor != null && poolSized) {
            throw new ShardingConfigurationException("parallelism and queueCapacity size the pool the executor "
                    + "creates; they cannot be combined with a user-supplied executor");
        }
        ShardAdmission guard = circuitBreakers == null ? ShardAdmission.NONE
                : ShardAdmission.breakers(circuitBreakers);
        return new ScatterGatherExecutor(executor, parallelism, queueCapacity,
                new ScatterGatherExecutor.Settings(Runnable::run, shardTimeout, deadline, failurePolicy, guard,
                        metrics, new InlinePolicy(inlineBelow.toNanos(), inlineWhen)));
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new ShardingConfigurationException(name + " must be > 0 but was " + value.toMillis() + "ms");
        }
        return value;
    }
}
