package io.shardkit.id;

import io.shardkit.ShardingException;

/**
 * The clock a {@link ShardIdGenerator} reads went back further than the generator will wait for: minting an
 * id now could repeat one already handed out, so it refuses. Typical causes: an NTP step or a manually reset
 * clock. Retrying after {@link #getOffsetMillis()} milliseconds succeeds once the clock has caught up.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ClockMovedBackwardsException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final long offsetMillis;
    private final long lastTimestamp;
    private final long maxBackwardsMillis;

    ClockMovedBackwardsException(long offsetMillis, long lastTimestamp, long maxBackwardsMillis) {
        super("Clock moved backwards by " + offsetMillis + " ms (last id at Unix ms " + lastTimestamp
                + "); the generator waits out at most " + maxBackwardsMillis + " ms, so it refuses to mint ids"
                + " until the clock is back at " + lastTimestamp);
        this.offsetMillis = offsetMillis;
        this.lastTimestamp = lastTimestamp;
        this.maxBackwardsMillis = maxBackwardsMillis;
    }

    /** How far, in milliseconds, the clock now reads behind the time of the last id minted. */
    public long getOffsetMillis() {
        return offsetMillis;
    }

    /** The time of the last id minted, in Unix milliseconds. */
    public long getLastTimestamp() {
        return lastTimestamp;
    }

    /** The generator's bound: backward steps up to this many milliseconds are waited out. */
    public long getMaxBackwardsMillis() {
        return maxBackwardsMillis;
    }
}
