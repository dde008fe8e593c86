package io.shardkit;

import java.util.Map;
import java.util.TreeMap;

/**
 * The shard indexes given to a {@link ShardRegistryBuilder} are not 0..N-1, each once: one is missing, used twice,
 * or leaves a gap. The index of a shard is its slot in every rule over every shard, so it is never guessed.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardIndexException extends ShardingConfigurationException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, Integer> indexes;

    private ShardIndexException(String message, Map<String, Integer> indexes) {
        super(message);
        this.indexes = Map.copyOf(indexes);
    }

    /** Some shards have an index and {@code shard} has none. */
    public static ShardIndexException missing(String shard, Map<String, Integer> indexes) {
        return new ShardIndexException("shard '" + shard + "' has no index but " + sorted(indexes).keySet()
                + " have one; give every shard its index (0..N-1, each once) or none", indexes);
    }

    /** {@code first} and {@code second} were both given {@code index}. */
    public static ShardIndexException duplicate(String first, String second, int index,
                                                Map<String, Integer> indexes) {
        return new ShardIndexException("shards '" + first + "' and '" + second + "' both have index " + index
                + "; each index 0.." + (indexes.size() - 1) + " must name exactly one shard " + sorted(indexes),
                indexes);
    }

    /** The indexes are unique but not 0..N-1: {@code absent} is the first index no shard has. */
    public static ShardIndexException gap(int absent, Map<String, Integer> indexes) {
        return new ShardIndexException("shard indexes must be 0.." + (indexes.size() - 1) + " without gaps but no "
                + "shard has index " + absent + " " + sorted(indexes), indexes);
    }

    /** A negative index. */
    public static ShardIndexException negative(String shard, int index) {
        return new ShardIndexException("shard '" + shard + "' has index " + index + "; indexes start at 0",
                Map.of(shard, index));
    }

    /** The indexes as given, by shard name. */
    public Map<String, Integer> getIndexes() {
        return indexes;
    }

    private static Map<String, Integer> sorted(Map<String, Integer> indexes) {
        return new TreeMap<>(indexes);
    }
}
