package io.shardkit.scatter;

import io.shardkit.Shard;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Some shards of a fan-out failed while others succeeded, where the caller needs the whole answer:
 * {@link ScatterResult#requireComplete()}, a {@code @Broadcast} method not returning {@code ScatterResult}
 * (thrown after every shard was tried), or a {@code @ScatterGather} method not returning {@code ScatterResult}
 * under the {@code partial} failure policy. {@link #getShard()} names the first failed shard and the cause is its
 * failure; {@link #getFailures()} and {@link #getSucceeded()} list every shard's outcome. A broadcast is not
 * rolled back on the shards that succeeded.
 *
 * <p>Instances are immutable and thread-safe as far as the carried values are.
 */
public class IncompleteResultException extends ScatterGatherException {

    private static final long serialVersionUID = 1L;

    private final transient List<Shard> succeeded;
    private final transient List<ShardFailure> failures;
    private final transient @Nullable Object partialValue;

    private IncompleteResultException(String message, ScatterResult<?> result, @Nullable Object partialValue) {
        super(message, result.rule(), result.failures().get(0).shard().name(), result.failures().get(0).cause());
        this.succeeded = result.succeeded();
        this.failures = result.failures();
        this.partialValue = partialValue;
    }

    /** {@code ... failed on shard 'shard-1': 1 of 4 shards failed [shard-1], succeeded [shard-0, ...]}. */
    public static IncompleteResultException of(ScatterResult<?> result) {
        return new IncompleteResultException(prefix(result) + summary(result), result, result.value());
    }

    /**
     * A {@code @ScatterGather} method ({@code where}) that cannot return a partial answer.
     *
     * @param partialValue the merged value of the shards that succeeded
     */
    public static IncompleteResultException scatterGather(String where, ScatterResult<?> result,
                                                          @Nullable Object partialValue) {
        return new IncompleteResultException(prefix(result) + where + " (scatter-gather): " + summary(result)
                + "; declare ScatterResult<T> as the return type to receive partial answers", result, partialValue);
    }

    /**
     * A {@code @Broadcast} method ({@code where}) that cannot return a partial answer.
     *
     * @param partialValue the merged value of the shards that succeeded; {@code null} for {@code void}
     */
    public static IncompleteResultException broadcast(String where, ScatterResult<?> result,
                                                      @Nullable Object partialValue) {
        return new IncompleteResultException(prefix(result) + where + " (broadcast): " + summary(result)
                + " and were not rolled back; retrying is safe only if the write is idempotent", result,
                partialValue);
    }

    private static String prefix(ScatterResult<?> result) {
        return ScatterGatherException.prefix(result.rule(), result.failures().get(0).shard().name());
    }

    private static String summary(ScatterResult<?> result) {
        List<Shard> failed = result.failures().stream().map(ShardFailure::shard).toList();
        return failed.size() + " of " + result.width() + " shards failed " + names(failed) + ", succeeded "
                + names(result.succeeded());
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
