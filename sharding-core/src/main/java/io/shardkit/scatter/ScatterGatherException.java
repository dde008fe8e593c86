package io.shardkit.scatter;

import io.shardkit.Shard;
import io.shardkit.ShardingException;
import java.util.List;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A scatter-gather failed: a shard failed (under {@link FailurePolicy#FAIL_FAST}), the executor refused a
 * shard's task, the merge failed or a shard broke the contract of its call ({@link UnsortedShardResultException},
 * {@link MergeConflictException}), some shards failed where the answer had to be whole
 * ({@link IncompleteResultException}), or the calling thread was interrupted while waiting.
 * {@link #getShard()} names the shard when one is to blame; the cause is the shard's own failure
 * ({@link ShardTimeoutException}, {@link ShardCircuitOpenException} or whatever the per-shard call threw).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ScatterGatherException extends ShardingException {

    private static final long serialVersionUID = 1L;

    /** For subclasses whose factories build the whole message. */
    protected ScatterGatherException(String message, @Nullable String rule, @Nullable String shard,
                                     @Nullable Throwable cause) {
        super(message, rule, null, shard, cause);
    }

    /** A shard failed under fail-fast; its failure is the cause and, when it is shardkit's, the message. */
    public static ScatterGatherException shardFailed(String rule, String shard, Throwable cause) {
        return new ScatterGatherException(prefix(rule, shard) + describe(cause), rule, shard, cause);
    }

    /** The executor refused the shard's task: every worker busy and the queue full. */
    public static ScatterGatherException rejected(String rule, String shard, Throwable cause) {
        return new ScatterGatherException(prefix(rule, shard) + "the executor rejected the shard's task (all "
                + "workers busy and the queue full)" + causeText(cause), rule, shard, cause);
    }

    /** The shard's task was cancelled before it could report (not for a timeout, which has its own type). */
    public static ScatterGatherException cancelled(String rule, String shard) {
        return new ScatterGatherException(prefix(rule, shard) + "cancelled", rule, shard, null);
    }

    /** The calling thread was interrupted while {@code pending} of {@code width} shards were still running. */
    public static ScatterGatherException interrupted(String rule, int pending, int width, Throwable cause) {
        return new ScatterGatherException(prefix(rule, null) + "interrupted while waiting for " + pending + " of "
                + width + " shards", rule, null, cause);
    }

    /** The merger threw something other than a shardkit exception, e.g. an overflowing sum. */
    public static ScatterGatherException mergeFailed(String rule, Throwable cause) {
        return new ScatterGatherException(prefix(rule, null) + "merging the shards' results failed"
                + causeText(cause), rule, null, cause);
    }

    /** A keyset page call returned more rows than the page size. */
    public static ScatterGatherException tooManyRows(String rule, Shard shard, int rows, int pageSize) {
        return new ScatterGatherException(prefix(rule, shard.name()) + "the page call returned " + rows + " rows, "
                + "more than the limit of " + pageSize, rule, shard.name(), null);
    }

    /** A keyset page call returned a row at or before the shard's position. */
    public static ScatterGatherException rowNotAfterPosition(String rule, Shard shard, Object position) {
        return new ScatterGatherException(prefix(rule, shard.name()) + "the page call returned a row at or before "
                + "the shard's position [" + position + "]; it must return rows strictly after it", rule,
                shard.name(), null);
    }

    /** {@code Scatter-gather over rule 'orders' failed on shard 'shard-1': }, the start of every message. */
    static String prefix(@Nullable String rule, @Nullable String shard) {
        return "Scatter-gather over rule '" + rule + "' failed" + (shard == null ? "" : " on shard '" + shard + "'")
                + ": ";
    }

    /** {@code [shard-0, shard-2]}. */
    static String names(List<Shard> shards) {
        StringJoiner names = new StringJoiner(", ", "[", "]");
        for (Shard shard : shards) {
            names.add(shard.name());
        }
        return names.toString();
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ShardingException && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getName()
                : cause.getClass().getName() + ": " + cause.getMessage();
    }

    private static String causeText(Throwable cause) {
        return " (" + describe(cause) + ")";
    }
}
