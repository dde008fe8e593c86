package io.shardkit.scatter;

import io.shardkit.ShardingException;
import java.time.Duration;

/**
 * A shard's part of a scatter-gather did not finish in time: either its own per-shard timeout (counted from
 * when it started running) or the call's overall deadline (counted from the fan-out) ran out. The shard's task
 * was cancelled and its thread interrupted.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardTimeoutException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;
    private final boolean deadline;

    /**
     * @param rule     the rule fanned out over
     * @param shard    the shard that did not answer
     * @param timeout  the limit that ran out
     * @param deadline {@code true} when the overall deadline ran out, {@code false} for the per-shard timeout
     */
    public ShardTimeoutException(String rule, String shard, Duration timeout, boolean deadline) {
        super("Rule '" + rule + "': shard '" + shard + "' did not answer within the "
                + (deadline ? "overall deadline" : "per-shard timeout") + " of " + timeout.toMillis() + "ms",
                rule, null, shard, null);
        this.timeout = timeout;
        this.deadline = deadline;
    }

    /** The limit that ran out. */
    public Duration getTimeout() {
        return timeout;
    }

    /** Whether the overall deadline (rather than the per-shard timeout) ran out. */
    public boolean isDeadline() {
        return deadline;
    }
}
