package io.shardkit.strategy;

import com.google.common.collect.DiscreteDomain;
import com.google.common.collect.ImmutableRangeMap;
import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Range;
import io.shardkit.InvalidShardKeyException;
import io.shardkit.KeyOutOfRangeException;
import io.shardkit.KeyRange;
import io.shardkit.NamedShardingStrategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * Range placement on a Guava {@link ImmutableRangeMap}: the key's range names its slot; a key in a gap goes to
 * the default slot, or fails with {@link KeyOutOfRangeException} listing the ranges.
 *
 * <p>Immutable and thread-safe. {@link #shardOf} allocates only what the range map's binary search does (plus
 * the boxed {@code Long} when a narrower integer is widened); messages are built only on failure.
 */
final class RangeStrategy<C extends Comparable<? super C>> implements NamedShardingStrategy {

    private final Class<C> keyType;
    private final boolean widensIntegers;
    private final @Nullable DiscreteDomain<C> domain;
    private final ImmutableRangeMap<C, Integer> slots;
    private final ImmutableRangeSet<C> gaps;
    private final List<String> shardNames;
    private final int defaultSlot;
    private final String rangesText;
    private final String description;
    private final String fingerprint;

    RangeStrategy(Class<C> keyType, @Nullable DiscreteDomain<C> domain,
                  List<RangeStrategyBuilder.RangeEntry<C>> sortedEntries, List<String> shardNames,
                  @Nullable String defaultShard) {
        this.keyType = keyType;
        this.widensIntegers = keyType == Long.class;
        this.domain = domain;
        this.shardNames = List.copyOf(shardNames);
        ImmutableRangeMap.Builder<C, Integer> map = ImmutableRangeMap.builder();
        List<Range<C>> covered = new ArrayList<>(sortedEntries.size());
        StringJoiner text = new StringJoiner(", ");
        StringJoiner canonical = new StringJoiner(", ", "range(type=" + keyType.getName() + ", ranges=[", "]");
        for (RangeStrategyBuilder.RangeEntry<C> e : sortedEntries) {
            map.put(e.canonical(), this.shardNames.indexOf(e.shard()));
            covered.add(e.canonical());
            text.add(e.declared().toString());
            canonical.add(RangeKeys.canonicalText(e.canonical()) + " -> " + e.shard());
        }
        this.slots = map.build();
        this.gaps = ImmutableRangeSet.unionOf(covered).complement();
        this.defaultSlot = defaultShard == null ? -1 : this.shardNames.indexOf(defaultShard);
        this.rangesText = text.toString();
        this.fingerprint = canonical + ", default=" + (defaultShard == null ? "none" : defaultShard) + ", slots="
                + this.shardNames + ")";
        this.description = "range(" + keyType.getSimpleName() + ", " + sortedEntries.size() + " ranges over "
                + this.shardNames.size() + " shards" + (defaultShard == null ? "" : ", default '" + defaultShard + "'")
                + ")";
    }

    @Override
    public int shardCount() {
        return shardNames.size();
    }

    @Override
    public List<String> shardNames() {
        return shardNames;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public int shardOf(String rule, @Nullable Object key) {
        C k = keyOf(key);
        if (k == null) {
            throw invalidKey(rule, key, null);
        }
        Integer slot = slots.get(k);
        if (slot != null) {
            return slot;
        }
        if (defaultSlot >= 0) {
            return defaultSlot;
        }
        throw outOfRange(rule, Objects.requireNonNull(key));
    }

    /**
     * The slots whose ranges intersect {@code range}, plus the default slot when a gap does, ascending. A range
     * holding no key of this type (such as {@code (8..9)} for longs) gives none.
     */
    @Override
    public int[] shardsFor(String rule, KeyRange<?> range) {
        Objects.requireNonNull(range, "range");
        Range<C> query = RangeKeys.toRange(boundOf(rule, range.lower()), range.lowerInclusive(),
                boundOf(rule, range.upper()), range.upperInclusive(), domain);
        if (query.isEmpty()) {
            return new int[0];
        }
        boolean[] hit = new boolean[shardNames.size()];
        for (Map.Entry<Range<C>, Integer> e : slots.subRangeMap(query).asMapOfRanges().entrySet()) {
            if (!e.getKey().isEmpty()) {
                hit[e.getValue()] = true;
            }
        }
        if (defaultSlot >= 0 && gaps.intersects(query)) {
            hit[defaultSlot] = true;
        }
        int count = 0;
        int[] result = new int[hit.length];
        for (int slot = 0; slot < hit.length; slot++) {
            if (hit[slot]) {
                result[count++] = slot;
            }
        }
        return Arrays.copyOf(result, count);
    }

    private @Nullable C keyOf(@Nullable Object key) {
        if (keyType.isInstance(key)) {
            return keyType.cast(key);
        }
        if (widensIntegers && (key instanceof Integer || key instanceof Short || key instanceof Byte)) {
            return keyType.cast(((Number) key).longValue());
        }
        return null;
    }

    private @Nullable C boundOf(String rule, @Nullable Object bound) {
        if (bound == null) {
            return null;
        }
        C k = keyOf(bound);
        if (k == null) {
            throw invalidKey(rule, bound, "a bound of the queried range");
        }
        return k;
    }

    private InvalidShardKeyException invalidKey(String rule, @Nullable Object key, @Nullable String where) {
        return InvalidShardKeyException.of(rule, key, RangeKeys.expected(keyType), where);
    }

    private KeyOutOfRangeException outOfRange(String rule, Object key) {
        return KeyOutOfRangeException.of(rule, key, rangesText);
    }

    @Override
    public String toString() {
        return description;
    }
}
