package io.shardkit.scatter;

import io.shardkit.Shard;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

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
     * The value when every shard contributed; otherwise a {@link ScatterGatherException} naming the first failed
     * shard (with its failure as the cause) and listing the others.
     */
    public R requireComplete() {
        if (failures.isEmpty()) {
            return value;
        }
        ShardFailure first = failures.get(0);
        String all = failures.stream().map(f -> f.shard().name()).collect(Collectors.joining(", ", "[", "]"));
        throw new ScatterGatherException(rule, first.shard().name(), failures.size() + " of " + width()
                + " shards failed " + all, first.cause());
    }
}
