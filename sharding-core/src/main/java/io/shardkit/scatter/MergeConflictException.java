package io.shardkit.scatter;

import io.shardkit.Shard;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Two shards returned different values for the same key of a map merged by {@link Merges#groupBy()}, values
 * that are not numbers of one type (which it sums) and not equal (which it keeps once): neither can be chosen
 * without losing the other. Thrown by the merge with the two results' positions; the
 * {@link ScatterGatherExecutor} names their shards ({@link #getShard()} is the second).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class MergeConflictException extends ScatterGatherException {

    private static final long serialVersionUID = 1L;

    private final transient @Nullable Object mapKey;
    private final transient @Nullable Object first;
    private final transient @Nullable Object second;
    private final int firstPosition;
    private final int secondPosition;

    private MergeConflictException(String message, @Nullable String rule, @Nullable String shard,
                                   @Nullable Object mapKey, int firstPosition, @Nullable Object first,
                                   int secondPosition, @Nullable Object second, @Nullable Throwable cause) {
        super(message, rule, shard, cause);
        this.mapKey = mapKey;
        this.first = first;
        this.second = second;
        this.firstPosition = firstPosition;
        this.secondPosition = secondPosition;
    }

    /** The results at {@code firstPosition} and {@code secondPosition} (shard order) disagree on {@code mapKey}. */
    public static MergeConflictException between(@Nullable Object mapKey, int firstPosition, @Nullable Object first,
                                                 int secondPosition, @Nullable Object second) {
        return new MergeConflictException("Map merge: " + detail(mapKey, first, "result #" + firstPosition, second,
                "result #" + secondPosition), null, null, mapKey, firstPosition, first, secondPosition, second, null);
    }

    /** This conflict naming the rule and the two shards, {@code merged} being the shards merged, in order. */
    public MergeConflictException onShards(String rule, List<Shard> merged) {
        String a = merged.get(firstPosition).name();
        String b = merged.get(secondPosition).name();
        return new MergeConflictException(prefix(rule, b) + detail(mapKey, first, "shard '" + a + "'", second,
                "shard '" + b + "'"), rule, b, mapKey, firstPosition, first, secondPosition, second, this);
    }

    private static String detail(@Nullable Object mapKey, @Nullable Object first, String firstPlace,
                                 @Nullable Object second, String secondPlace) {
        return "different values for map key " + describeKey(mapKey) + ": " + describeKey(first) + " on "
                + firstPlace + ", " + describeKey(second) + " on " + secondPlace + "; a map merge sums numbers of "
                + "one type and keeps equal values, it cannot choose between different ones";
    }

    /** The map key both shards returned. */
    public @Nullable Object getMapKey() {
        return mapKey;
    }
}
