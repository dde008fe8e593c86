package io.shardkit.scatter;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import java.util.List;
import java.util.Objects;

/**
 * The merged answer of a scatter-gather and, under {@link FailurePolicy#PARTIAL}, the shards left out of it.
 * Under {@link FailurePolicy#FAIL_FAST} a fan-out only ever returns a complete result; a broadcast always
 * returns one, whatever failed.
 *
 * <p>Immutable; thread-safe as far as the value is.
 *
 * @param rule      the rule fanned out over
 * @param value     the merged answer over the shards that succeeded
 * @param succeeded the shards whose results were merged, in shard order
 * @param failures  the shards that failed and why, in shard order; empty when the answer is complete
 */
public record ScatterResult<R>(String rule, R value, List<Shard> succeeded, List<ShardFailure> failures) {

    public ScatterResult {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(value, "value");
        succeeded = List.copyOf(succeeded);
        failures = List.copyOf(failures);
    }

    /** Whether every shard asked contributed to {@link #value()}. */
    public boolean isComplete() {
        return failures.isEmpty();
    }

    /** How many shards were asked. */
    public int width() {
        return succeeded.size() + failures.size();
    }

    /**
     * The value when every shard contributed; otherwise an {@link IncompleteResultException} naming the first
     * failed shard (with its failure as the cause) and listing the others.
     */
    public R requireComplete() {
        if (failures.isEmpty()) {
            return value;
        }
        throw IncompleteResultException.of(this);
    }

    /**
     * One shard's part, for the body of a {@code @ScatterGather} or {@code @Broadcast} method declared to return
     * {@code ScatterResult<T>}: the advice reads {@link #value()} on each shard, merges the values by {@code T}
     * and hands the caller the executor's own {@code ScatterResult<T>}. The part names the shard bound to the
     * calling thread (if any) and no rule, which the body does not know.
     *
     * <pre>{@code
     * @ScatterGather(rule = "orders")
     * public ScatterResult<List<Order>> recentOrders() {
     *     return ScatterResult.ofShard(jdbc.query("select ... order by id", MAPPER));   // this shard's rows
     * }
     * }</pre>
     */
    public static <T> ScatterResult<T> ofShard(T value) {
        Objects.requireNonNull(value, "value");
        Shard shard = ShardContext.current();
        return new ScatterResult<>("", value, shard == null ? List.of() : List.of(shard), List.of());
    }
}
