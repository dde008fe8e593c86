package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * A key that falls in no range of a range rule that has no default shard. An {@link InvalidShardKeyException},
 * so catching that catches this too. {@link #getRanges()} lists the rule's ranges as they print.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class KeyOutOfRangeException extends InvalidShardKeyException {

    private static final long serialVersionUID = 1L;

    private final String ranges;

    private KeyOutOfRangeException(String rule, @Nullable Object key, String subject, String ranges,
                                   @Nullable String source, @Nullable Throwable cause) {
        super(rule, key, subject, "falls in no range; ranges are " + ranges, "a key in one of the ranges " + ranges,
                source, cause);
        this.ranges = ranges;
    }

    /**
     * {@code Rule 'by-price': key [java.lang.Long 42000] falls in no range; ranges are [0..9000), [9000..30000)}.
     *
     * @param ranges the rule's ranges, as they print, e.g. {@code [0..9000), [9000..30000)}
     */
    public static KeyOutOfRangeException of(String rule, Object key, String ranges) {
        return new KeyOutOfRangeException(rule, key, "key " + describeKey(key), ranges, null, null);
    }

    @Override
    public KeyOutOfRangeException from(String source) {
        return new KeyOutOfRangeException(String.valueOf(getRule()), getKey(), subject(), ranges, source, this);
    }

    /** The rule's ranges, as they print, e.g. {@code [0..9000), [9000..30000)}. */
    public String getRanges() {
        return ranges;
    }
}
