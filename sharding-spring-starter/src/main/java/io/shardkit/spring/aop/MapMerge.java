package io.shardkit.spring.aop;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Merges the {@code Map}s of a fan-out method's shards into one {@code LinkedHashMap}, keys in first-seen order.
 * A key on one shard only keeps its value. A key on several shards: values that are numbers of the same type
 * ({@code Integer}, {@code Long}, {@code Double}, {@code BigDecimal}) are summed, as the partial counts and sums
 * of a group-by are; equal values are kept once (reference data present on every shard); anything else is a
 * {@link MergeConflictException} naming the key and both shards. A summed integer that overflows fails rather
 * than wrapping.
 *
 * <p>Stateless and thread-safe.
 */
final class MapMerge {

    private MapMerge() {
    }

    static Map<Object, @Nullable Object> merge(String rule, String where, List<ShardPart> parts) {
        Map<Object, @Nullable Object> merged = new LinkedHashMap<>();
        Map<Object, String> firstShard = new LinkedHashMap<>();
        for (ShardPart part : parts) {
            Map<?, ?> map = (Map<?, ?>) Objects.requireNonNull(part.value());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object key = entry.getKey();
                Object value = entry.getValue();
                if (!merged.containsKey(key)) {
                    merged.put(key, value);
                    firstShard.put(key, part.shard().name());
                    continue;
                }
                Object previous = merged.get(key);
                Object combined = combine(previous, value);
                if (combined == null && !Objects.equals(previous, value)) {
                    throw new MergeConflictException(rule, where, key, firstShard.get(key), previous,
                            part.shard().name(), value);
                }
                merged.put(key, combined == null ? previous : combined);
            }
        }
        return merged;
    }

    /** The sum of two numbers of the same type; {@code null} when they are not such numbers. */
    private static @Nullable Object combine(@Nullable Object a, @Nullable Object b) {
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return null;
        }
        if (a instanceof Long x) {
            return Math.addExact(x, (Long) b);
        }
        if (a instanceof Integer x) {
            return Math.addExact(x, (Integer) b);
        }
        if (a instanceof Double x) {
            return x + (Double) b;
        }
        if (a instanceof BigDecimal x) {
            return x.add((BigDecimal) b);
        }
        return null;
    }
}
