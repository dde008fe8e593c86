package io.shardkit.strategy;

import com.google.common.collect.BoundType;
import com.google.common.collect.DiscreteDomain;
import com.google.common.collect.Range;
import io.shardkit.KeyRange;
import io.shardkit.NamedShardingStrategy;
import io.shardkit.OverlappingRangesException;
import io.shardkit.ShardingConfigurationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a range strategy: non-overlapping {@link KeyRange}s of one key type, each naming the shard that holds
 * it, and optionally a default shard for keys that fall in no range. Start it with
 * {@link ShardingStrategies#range(Class)}. Not thread-safe; the strategy it builds is immutable and thread-safe.
 *
 * <pre>{@code
 * NamedShardingStrategy byPrice = ShardingStrategies.range(Long.class)
 *         .range(KeyRange.closedOpen(0L, 9000L), "shard-0")
 *         .range(KeyRange.closedOpen(9000L, 30000L), "shard-1")
 *         .range(KeyRange.atLeast(30000L), "shard-2")
 *         .build();
 * ShardingRule rule = ShardingRule.of("by-price", registry, byPrice);
 * }</pre>
 *
 * <p>Slots are numbered by the order in which shard names first appear: the ranges in the order added, then
 * the default shard; {@link NamedShardingStrategy#shardNames()} lists them. Several ranges may name the same
 * shard. Each setter checks its argument at once; {@link #build()} refuses overlapping ranges, naming both.
 *
 *
 * @param <C> the key type: {@code Long}, {@code BigDecimal}, {@code String}, {@code LocalDate} or
 *            {@code Instant}
 */
public final class RangeStrategyBuilder<C extends Comparable<? super C>> {

    private final Class<C> keyType;
    private final @Nullable DiscreteDomain<C> domain;
    private final List<RangeEntry<C>> entries = new ArrayList<>();
    private @Nullable String defaultShard;

    RangeStrategyBuilder(Class<C> keyType) {
        Objects.requireNonNull(keyType, "keyType");
        if (!RangeKeys.SUPPORTED.contains(keyType)) {
            throw new ShardingConfigurationException("range keys must be one of " + simpleNames()
                    + " but were [" + keyType.getName() + "]; use Long for int, short and byte keys");
        }
        this.keyType = keyType;
        this.domain = RangeKeys.domainOf(keyType);
    }

    /** Keys in {@code range} live on {@code shard}. Open ends are allowed; ranges of one strategy may not overlap. */
    public RangeStrategyBuilder<C> range(KeyRange<C> range, String shard) {
        Objects.requireNonNull(range, "range");
        checkShardName(shard);
        checkBound(range, range.lower());
        checkBound(range, range.upper());
        Range<C> canonical = RangeKeys.toRange(range.lower(), range.lowerInclusive(), range.upper(),
                range.upperInclusive(), domain);
        if (canonical.isEmpty()) {
            throw new ShardingConfigurationException("range " + range + " -> '" + shard + "' holds no "
                    + keyType.getSimpleName() + " key");
        }
        entries.add(new RangeEntry<>(range, canonical, shard, entries.size()));
        return this;
    }

    /**
     * Keys that fall in no range live on {@code shard} instead of failing with
     * {@link io.shardkit.KeyOutOfRangeException}. Off by default: a gap is usually a configuration mistake.
     */
    public RangeStrategyBuilder<C> defaultShard(String shard) {
        checkShardName(shard);
        this.defaultShard = shard;
        return this;
    }

    /** The strategy; {@link ShardingConfigurationException} when no range was given or two ranges overlap. */
    public NamedShardingStrategy build() {
        if (entries.isEmpty()) {
            throw new ShardingConfigurationException("a range strategy needs at least one range");
        }
        List<RangeEntry<C>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(RangeEntry::canonical, RangeStrategyBuilder::compareLower));
        for (int i = 1; i < sorted.size(); i++) {
            RangeEntry<C> previous = sorted.get(i - 1);
            RangeEntry<C> next = sorted.get(i);
            // Sorted by lower bound and never empty: a range overlaps a later one only if it overlaps the next.
            if (previous.canonical().isConnected(next.canonical())
                    && !previous.canonical().intersection(next.canonical()).isEmpty()) {
                RangeEntry<C> first = previous.position() < next.position() ? previous : next;
                RangeEntry<C> last = first == previous ? next : previous;
                throw OverlappingRangesException.of(first.position(), first.toString(), last.position(),
                        last.toString());
            }
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        entries.forEach(e -> names.add(e.shard()));
        if (defaultShard != null) {
            names.add(defaultShard);
        }
        return new RangeStrategy<>(keyType, domain, sorted, List.copyOf(names), defaultShard);
    }

    private void checkShardName(String shard) {
        Objects.requireNonNull(shard, "shard");
        if (shard.isBlank()) {
            throw new ShardingConfigurationException("shard name must not be blank");
        }
    }

    private void checkBound(KeyRange<C> range, @Nullable Object bound) {
        // Generics keep honest callers right; this catches raw types and unchecked casts before they misroute.
        if (bound != null && !keyType.isInstance(bound)) {
            throw new ShardingConfigurationException("range " + range + " has a bound of type ["
                    + bound.getClass().getName() + "] but this strategy's keys are [" + keyType.getName() + "]");
        }
    }

    private static <C extends Comparable<? super C>> int compareLower(Range<C> a, Range<C> b) {
        if (!a.hasLowerBound() || !b.hasLowerBound()) {
            return Boolean.compare(a.hasLowerBound(), b.hasLowerBound());
        }
        int cmp = a.lowerEndpoint().compareTo(b.lowerEndpoint());
        if (cmp != 0) {
            return cmp;
        }
        if (a.lowerBoundType() == b.lowerBoundType()) {
            return 0;
        }
        return a.lowerBoundType() == BoundType.CLOSED ? -1 : 1;
    }

    private static List<String> simpleNames() {
        return RangeKeys.SUPPORTED.stream().map(Class::getSimpleName).toList();
    }

    /**
     * A range as the user wrote it (for messages), its canonical Guava form (for lookups), its shard and its position
     * in the order added.
     */
    record RangeEntry<C extends Comparable<? super C>>(KeyRange<C> declared, Range<C> canonical, String shard,
                                                      int position) {

        @Override
        public String toString() {
            return declared + " -> '" + shard + "'";
        }
    }
}
