package io.shardkit.scatter;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The map merge behind {@link Merges#groupBy}: groups in first-seen order, a group on several shards folded by
 * a {@link Fold} that knows where each partial came from (so a conflict can name both shards). A {@code null}
 * group key is a group; a {@code null} partial is skipped when the group has another.
 *
 * <p>Stateless and thread-safe.
 */
final class MapMerge {

    private MapMerge() {
    }

    /** Combines two partials of one group, found in the results at {@code previousAt} and {@code at}. */
    @FunctionalInterface
    interface Fold<G, V> {
        V apply(@Nullable G key, V previous, int previousAt, V value, int at);
    }

    static <G, V> Map<G, V> merge(List<Map<G, V>> results, Fold<G, V> fold) {
        Map<G, V> groups = new LinkedHashMap<>();
        Map<G, Integer> firstAt = new HashMap<>();
        for (int at = 0; at < results.size(); at++) {
            Map<G, V> result = results.get(at);
            if (result == null) {
                continue;
            }
            for (Map.Entry<G, V> entry : result.entrySet()) {
                G key = entry.getKey();
                V value = entry.getValue();
                V previous = groups.get(key);
                if (!groups.containsKey(key) || previous == null) {
                    groups.put(key, value);
                    firstAt.put(key, at);
                } else if (value != null) {
                    groups.put(key, fold.apply(key, previous, Objects.requireNonNull(firstAt.get(key)), value, at));
                }
            }
        }
        return groups;
    }

    /** Numbers of one type summed (integers exactly), equal values kept, anything else a conflict. */
    @SuppressWarnings("unchecked")
    static <G, V> V sumOrKeepEqual(@Nullable G key, V previous, int previousAt, V value, int at) {
        Object sum = sum(previous, value);
        if (sum != null) {
            return (V) sum;
        }
        if (Objects.equals(previous, value)) {
            return previous;
        }
        throw MergeConflictException.between(key, previousAt, previous, at, value);
    }

    private static @Nullable Object sum(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Math.addExact(x, y);
        }
        if (a instanceof Integer x && b instanceof Integer y) {
            return Math.addExact(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x + y;
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.add(y);
        }
        return null;
    }
}
