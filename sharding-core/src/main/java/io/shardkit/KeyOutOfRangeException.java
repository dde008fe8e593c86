package io.shardkit;

/**
 * A key that falls in no range of a range rule that has no default shard.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class KeyOutOfRangeException extends ShardingException {

    private static final long serialVersionUID = 1L;

    /**
     * @param rule   the range rule
     * @param key    the key that matched no range
     * @param ranges the rule's ranges, as they print, e.g. {@code [0..9000), [9000..30000)}
     */
    public KeyOutOfRangeException(String rule, Object key, String ranges) {
        super("Rule '" + rule + "': key " + describeKey(key) + " falls in no range; ranges are " + ranges,
                rule, key, null, null);
    }
}
