package io.shardkit.scatter;

import io.shardkit.scatter.internal.KWayMerge;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Static factories for the common {@link Merger}s, the one merge library of shardkit: {@code @ScatterGather}
 * methods merge through these too, chosen by return type. Each merges per-shard results so that the answer
 * equals what one database holding every shard's rows would return, given that each shard answered the same
 * query: ordered merges expect each shard's rows sorted by the same comparator (they check it as they go),
 * top-N expects each shard's best N, aggregates expect per-shard partials (a {@link SumCount} for averages).
 *
 * <p><b>Nulls.</b> A shard whose whole result is {@code null} has nothing to add: sums skip it (as SQL's
 * {@code SUM} skips NULL), list, set, map and {@code Optional} merges take it as empty. A {@code null} element,
 * group key or map value is a value, as NULL is in SQL: lists keep it, {@link #distinct()} keeps one, groups keep
 * theirs, ordered merges place it where the comparator says ({@code Comparator.nullsFirst(...)} for {@code NULLS
 * FIRST}); a {@code null} partial in a group is skipped when another shard has one.
 *
 * <p><b>Map conflicts.</b> {@link #groupBy(BinaryOperator)} folds a group's partials with the caller's
 * function. {@link #groupBy()} (what a {@code @ScatterGather} method returning a {@code Map} gets) sums numbers
 * of one type ({@code Integer}, {@code Long}, {@code Double}, {@code BigDecimal}: partial counts and sums),
 * keeps equal values once, and refuses anything else with {@link MergeConflictException} naming the key and
 * both shards. Integer sums that overflow fail rather than wrap.
 *
 * <p>Ordered merges stream: a heap over the shards' iterators, O(total x log shards), never a sort of the
 * concatenation, and top-N stops after N elements. The returned mergers are immutable and thread-safe; the
 * collections they return are unmodifiable (except {@link #groupBy}'s {@code LinkedHashMap}).
 */
public final class Merges {

    private Merges() {
    }

    /** The shards' lists one after the other, in shard order. */
    public static <T> Merger<List<T>, List<T>> concat() {
        return results -> {
            List<T> all = new ArrayList<>(totalSize(results));
            for (List<T> r : results) {
                if (r != null) {
                    all.addAll(r);
                }
            }
            return Collections.unmodifiableList(all);
        };
    }

    /**
     * The first {@code n} elements of the shards' lists in shard order (a {@code LIMIT} without an
     * {@code ORDER BY}); each shard is asked for at most {@code n} rows ({@link ShardRequest#limit()}).
     */
    public static <T> Merger<List<T>, List<T>> firstN(int n) {
        requireLimit(n);
        return new Merger<>() {
            @Override
            public List<T> merge(List<List<T>> results) {
                List<T> out = new ArrayList<>();
                for (List<T> r : results) {
                    if (r != null) {
                        for (Iterator<T> it = r.iterator(); out.size() < n && it.hasNext(); ) {
                            out.add(it.next());
                        }
                    }
                }
                return Collections.unmodifiableList(out);
            }

            @Override
            public int perShardLimit() {
                return n;
            }
        };
    }

    /** The shards' lists, each sorted by {@code order}, merged into one list sorted by {@code order}. */
    public static <T> Merger<List<T>, List<T>> ordered(Comparator<? super T> order) {
        Objects.requireNonNull(order, "order");
        return results -> take(mergeSorted(results, order), Integer.MAX_VALUE);
    }

    /**
     * The first {@code n} of the shards' lists merged by {@code order}: each shard is asked for at most
     * {@code n} rows ({@link ShardRequest#limit()}), sorted by {@code order}, and only {@code n} are merged.
     */
    public static <T> Merger<List<T>, List<T>> topN(Comparator<? super T> order, int n) {
        Objects.requireNonNull(order, "order");
        requireLimit(n);
        return new Merger<>() {
            @Override
            public List<T> merge(List<List<T>> results) {
                return take(mergeSorted(results, order), n);
            }

            @Override
            public int perShardLimit() {
                return n;
            }
        };
    }

    /**
     * Lazily merges sorted sources into one sorted iterator: the streaming form of {@link #ordered}, for
     * callers that write rows out as they come. Equal elements come in source order; a {@code null} source is
     * empty. A source found unsorted fails with {@link UnsortedShardResultException}.
     */
    public static <T> Iterator<T> mergeSorted(List<? extends Iterable<? extends T>> sources,
                                              Comparator<? super T> order) {
        List<Iterator<? extends T>> iterators = new ArrayList<>(sources.size());
        for (Iterable<? extends T> source : sources) {
            iterators.add(source == null ? Collections.emptyIterator() : source.iterator());
        }
        return KWayMerge.of(iterators, Objects.requireNonNull(order, "order"), UnsortedShardResultException::at);
    }

    /** The shards' counts added up ({@code COUNT(*)} on each shard). */
    public static Merger<Long, Long> count() {
        return sumLong();
    }

    /** The shards' sums added up; fails on overflow rather than wrapping. */
    public static Merger<Long, Long> sumLong() {
        return reducing(0L, Math::addExact);
    }

    /** The shards' {@code int} sums added up; fails on overflow rather than wrapping. */
    public static Merger<Integer, Integer> sumInt() {
        return reducing(0, Math::addExact);
    }

    /** The shards' {@code double} sums added up. */
    public static Merger<Double, Double> sumDouble() {
        return reducing(0.0, Double::sum);
    }

    /** The shards' sums added up exactly. */
    public static Merger<BigDecimal, BigDecimal> sumDecimal() {
        return reducing(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The shards' partials folded with {@code combine}, starting from {@code identity} (what no shard at all
     * merges to); a shard's {@code null} partial is skipped. For any associative aggregate not covered here.
     */
    public static <T> Merger<T, T> reducing(T identity, BinaryOperator<T> combine) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(combine, "combine");
        return results -> {
            T total = identity;
            for (T r : results) {
                if (r != null) {
                    total = combine.apply(total, r);
                }
            }
            return total;
        };
    }

    /** The least of the shards' minimums; empty when every shard had none (SQL's NULL). */
    public static <T> Merger<Optional<T>, Optional<T>> min(Comparator<? super T> order) {
        Objects.requireNonNull(order, "order");
        return results -> best(results, order);
    }

    /** The greatest of the shards' maximums; empty when every shard had none. */
    public static <T> Merger<Optional<T>, Optional<T>> max(Comparator<? super T> order) {
        Objects.requireNonNull(order, "order");
        return results -> best(results, order.reversed());
    }

    /** The first present value in shard order; empty when no shard had one. */
    public static <T> Merger<Optional<T>, Optional<T>> firstPresent() {
        return results -> {
            for (Optional<T> r : results) {
                if (r != null && r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        };
    }

    /**
     * The shards' partial sums and counts added up; take the average from the merged {@link SumCount}, never
     * from per-shard averages.
     */
    public static Merger<SumCount, SumCount> average() {
        return reducing(SumCount.ZERO, SumCount::plus);
    }

    /**
     * Per-shard groups (group key to partial aggregate) combined: a group present on several shards gets its
     * partials folded with {@code combine} (e.g. {@code Long::sum} for counts, {@link SumCount#plus} for
     * averages, {@code BinaryOperator.minBy} for minimums); a {@code null} partial is skipped. Groups keep
     * first-seen order; a {@code null} group key is a group.
     */
    public static <G, V> Merger<Map<G, V>, Map<G, V>> groupBy(BinaryOperator<V> combine) {
        Objects.requireNonNull(combine, "combine");
        return results -> MapMerge.merge(results, (key, previous, previousAt, value, at) ->
                combine.apply(previous, value));
    }

    /**
     * Per-shard maps combined with the default semantics (see the class comment): numbers of one type summed,
     * equal values kept once, anything else a {@link MergeConflictException}. What a {@code @ScatterGather}
     * method returning a {@code Map} merges with.
     */
    public static <G, V> Merger<Map<G, V>, Map<G, V>> groupBy() {
        return results -> MapMerge.merge(results, MapMerge::sumOrKeepEqual);
    }

    /** The union of the shards' sets (or any collections), in first-seen order. */
    public static <T> Merger<Collection<T>, Set<T>> union() {
        return results -> {
            Set<T> union = new LinkedHashSet<>();
            for (Collection<T> r : results) {
                if (r != null) {
                    union.addAll(r);
                }
            }
            return Collections.unmodifiableSet(union);
        };
    }

    /** The distinct elements of the shards' lists ({@code equals}; one {@code null} at most), first-seen order. */
    public static <T> Merger<List<T>, List<T>> distinct() {
        return results -> {
            Set<T> seen = new HashSet<>();
            List<T> out = new ArrayList<>();
            for (List<T> r : results) {
                if (r == null) {
                    continue;
                }
                for (T t : r) {
                    if (seen.add(t)) {
                        out.add(t);
                    }
                }
            }
            return Collections.unmodifiableList(out);
        };
    }

    /**
     * The distinct elements of the shards' lists, each sorted by {@code order}, as one sorted list; elements
     * the comparator finds equal count as one. Streams: it holds no set of everything seen.
     */
    public static <T> Merger<List<T>, List<T>> distinctOrdered(Comparator<? super T> order) {
        Objects.requireNonNull(order, "order");
        return results -> {
            Iterator<T> merged = mergeSorted(results, order);
            List<T> out = new ArrayList<>();
            while (merged.hasNext()) {
                T next = merged.next();
                if (out.isEmpty() || order.compare(out.get(out.size() - 1), next) != 0) {
                    out.add(next);
                }
            }
            return Collections.unmodifiableList(out);
        };
    }

    private static <T> List<T> take(Iterator<T> merged, int n) {
        List<T> out = new ArrayList<>();
        while (out.size() < n && merged.hasNext()) {
            out.add(merged.next());
        }
        return Collections.unmodifiableList(out);
    }

    private static <T> Optional<T> best(List<Optional<T>> results, Comparator<? super T> order) {
        @Nullable T best = null;
        for (Optional<T> r : results) {
            if (r != null && r.isPresent() && (best == null || order.compare(r.get(), best) < 0)) {
                best = r.get();
            }
        }
        return Optional.ofNullable(best);
    }

    private static void requireLimit(int n) {
        // A negative limit is a programming error, not a configuration: the same exception as List.subList.
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0 but was " + n);
        }
    }

    private static int totalSize(List<? extends List<?>> results) {
        int size = 0;
        for (List<?> r : results) {
            size += r == null ? 0 : r.size();
        }
        return size;
    }
}
