package io.shardkit;

/**
 * Two ranges of a range strategy share keys: each key must fall in exactly one range. Carries the positions of
 * both ranges in the order they were added, so that a configuration can name the entry at fault.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class OverlappingRangesException extends ShardingConfigurationException {

    private static final long serialVersionUID = 1L;

    private final int earlier;
    private final int later;

    private OverlappingRangesException(String message, int earlier, int later) {
        super(message);
        this.earlier = earlier;
        this.later = later;
    }

    /**
     * @param earlier      position (0-based, in the order added) of the range added first
     * @param earlierRange that range and its shard, as written
     * @param later        position of the range added last
     * @param laterRange   that range and its shard, as written
     */
    public static OverlappingRangesException of(int earlier, String earlierRange, int later, String laterRange) {
        return new OverlappingRangesException("range #" + later + " " + laterRange + " overlaps range #" + earlier
                + " " + earlierRange + "; each key must fall in exactly one range", earlier, later);
    }

    /** Position of the range added first. */
    public int getEarlier() {
        return earlier;
    }

    /** Position of the range added last: the one to change. */
    public int getLater() {
        return later;
    }
}
