package io.shardkit.spring.aop;

import io.shardkit.Shard;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.ShardFailure;
import java.util.List;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Some shards of a fan-out method failed while others succeeded, and the method's return type cannot say so: a
 * {@code @Broadcast} method not returning {@code ScatterResult} (thrown after every shard was tried), or a
 * {@code @ScatterGather} method not returning {@code ScatterResult} under the {@code partial} failure policy
 * (thrown after every shard ran). {@link #getShard()} names the first failed shard and the cause is its failure;
 * {@link #getFailures()} and {@link #getSucceeded()} list every shard's outcome. A broadcast is not rolled back on
 * the shards that succeeded.
 *
 * <p>Instances are immutable and thread-safe as far as the carried values are.
 */
public class IncompleteResultException extends ScatterGatherException {

    private static final long serialVersionUID = 1L;

    private final transient List<Shard> succeeded;
    private final transient List<ShardFailure> failures;
    private final transient @Nullable Object partialValue;

    /**
     * @param rule         the rule fanned out over
     * @param where        the method, e.g. {@code MerchantRepository.upsert(Merchant)}
     * @param broadcast    whether the method is a broadcast (else a scatter-gather), for the message
     * @param succeeded    the shards that succeeded, in shard order
     * @param failures     the shards that failed, in shard order; at least one
     * @param partialValue the merged value of the shards that succeeded; {@code null} for {@code void}
     */
    public IncompleteResultException(String rule, String where, boolean broadcast, List<Shard> succeeded,
                                     List<ShardFailure> failures, @Nullable Object partialValue) {
        super(rule, failures.get(0).shard().name(), detail(where, broadcast, succeeded, failures),
                failures.get(0).cause());
        this.succeeded = List.copyOf(succeeded);
        this.failures = List.copyOf(failures);
        this.partialValue = partialValue;
    }

    private static String detail(String where, boolean broadcast, List<Shard> succeeded,
                                 List<ShardFailure> failures) {
        StringJoiner failed = new StringJoiner(", ", "[", "]");
        for (ShardFailure failure : failures) {
            failed.add(failure.shard().name());
        }
        StringJoiner ok = new StringJoiner(", ", "[", "]");
        for (Shard shard : succeeded) {
            ok.add(shard.name());
        }
        String detail = where + (broadcast ? " (broadcast): " : " (scatter-gather): ") + failures.size() + " of "
                + (failures.size() + succeeded.size()) + " shards failed " + failed + ", succeeded " + ok;
        return broadcast
                ? detail + " and were not rolled back; retrying is safe only if the write is idempotent"
                : detail + "; declare ScatterResult<T> as the return type to receive partial answers";
    }

    /** The shards that succeeded, in shard order. */
    public List<Shard> getSucceeded() {
        return succeeded;
    }

    /** The shards that failed and why, in shard order. */
    public List<ShardFailure> getFailures() {
        return failures;
    }

    /** The merged value of the shards that succeeded; {@code null} for a {@code void} method. */
    public @Nullable Object getPartialValue() {
        return partialValue;
    }
}
