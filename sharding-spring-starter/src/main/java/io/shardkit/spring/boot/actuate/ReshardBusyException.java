package io.shardkit.spring.boot.actuate;

import io.shardkit.ShardingException;

/**
 * An operation was asked of a rule while another of its operations is running: one mover per rule at a time. Names
 * the rule and carries the running operation.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ReshardBusyException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final transient ReshardEndpoint.Operation running;

    private ReshardBusyException(String message, String rule, ReshardEndpoint.Operation running) {
        super(message, rule, null, null, null);
        this.running = running;
    }

    /** {@code Rule 'orders': expand (shards=s0,s1,s2,s3) is running since 2026-...; ...}. */
    public static ReshardBusyException running(String rule, ReshardEndpoint.Operation running) {
        return new ReshardBusyException("Rule '" + rule + "': " + running.action() + (running.detail().isEmpty()
                ? "" : " (" + running.detail() + ")") + " is running since " + running.startedAt()
                + "; one operation per rule at a time: wait until GET /actuator/reshard shows it DONE or FAILED",
                rule, running);
    }

    /** The operation that is running. */
    public ReshardEndpoint.Operation getRunning() {
        return running;
    }
}
