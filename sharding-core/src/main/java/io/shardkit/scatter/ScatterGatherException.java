package io.shardkit.scatter;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * A scatter-gather failed because a shard failed (under {@link FailurePolicy#FAIL_FAST}), a shard broke the
 * contract of its call (e.g. returned unsorted rows to an ordered merge), or the calling thread was interrupted
 * while waiting. {@link #getShard()} names the shard when one is to blame; the cause is the shard's own failure
 * ({@link ShardTimeoutException}, {@link ShardCircuitOpenException} or whatever the per-shard call threw).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ScatterGatherException extends ShardingException {

    private static final long serialVersionUID = 1L;

    public ScatterGatherException(String rule, @Nullable String shard, String detail, @Nullable Throwable cause) {
        super(message(rule, shard, detail, cause), rule, null, shard, cause);
    }

    private static String message(String rule, @Nullable String shard, String detail, @Nullable Throwable cause) {
        StringBuilder sb = new StringBuilder("Scatter-gather over rule '").append(rule).append('\'');
        if (shard != null) {
            sb.append(" failed on shard '").append(shard).append('\'');
        } else {
            sb.append(" failed");
        }
        sb.append(": ").append(detail);
        if (cause != null && cause.getMessage() != null && !detail.contains(cause.getMessage())) {
            sb.append(" (").append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append(')');
        }
        return sb.toString();
    }
}
