package io.shardkit.scatter;

import io.shardkit.ShardingException;

/**
 * A shard was skipped without being called because its circuit breaker does not permit calls (open, or
 * half-open with its trial calls taken): it failed often enough recently that calling it would only add its
 * timeout to the caller's latency. The breaker lets calls through again after its configured wait.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardCircuitOpenException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String breaker;
    private final String state;

    /**
     * @param rule    the rule fanned out over
     * @param shard   the shard skipped
     * @param breaker the circuit breaker's name, see {@link ScatterGatherExecutor#breakerName(String, String)}
     * @param state   the breaker's state when it refused, e.g. {@code OPEN}
     */
    public ShardCircuitOpenException(String rule, String shard, String breaker, String state) {
        super("Rule '" + rule + "': shard '" + shard + "' skipped, its circuit breaker [" + breaker + "] is "
                + state + " and permits no calls", rule, null, shard, null);
        this.breaker = breaker;
        this.state = state;
    }

    /** The circuit breaker's name. */
    public String getBreaker() {
        return breaker;
    }

    /** The breaker's state when it refused the call, e.g. {@code OPEN}. */
    public String getState() {
        return state;
    }
}
