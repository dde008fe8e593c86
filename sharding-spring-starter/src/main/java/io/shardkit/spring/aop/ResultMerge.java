package io.shardkit.spring.aop;

import io.shardkit.scatter.Merger;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherException;
import io.shardkit.scatter.UnsortedShardResultException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merges the shards' results of one fan-out method by its {@link ReturnKind}: numbers summed (a shard's
 * {@code null} adds nothing; overflow fails), lists concatenated in shard order or merged by the method's
 * comparator (k-way, each shard's list already sorted) and cut at its limit, sets united, the first present
 * {@code Optional}, maps merged by {@link MapMerge}. Results come back mutable ({@code ArrayList},
 * {@code LinkedHashSet}, {@code LinkedHashMap}), as a method's own would.
 *
 * <p>Immutable and thread-safe (the comparator is assumed to be, as comparators are).
 */
final class ResultMerge implements Merger<ShardPart, ResultMerge.Merged> {

    private final String rule;
    private final String where;
    private final ReturnKind kind;
    private final @Nullable Comparator<Object> order;
    private final int limit;

    /**
     * @param order the comparator each shard's list is sorted by, or {@code null} for concatenation
     * @param limit keep at most this many list elements, or a negative value for all
     */
    ResultMerge(String rule, String where, ReturnKind kind, @Nullable Comparator<Object> order, int limit) {
        this.rule = rule;
        this.where = where;
        this.kind = kind;
        this.order = order;
        this.limit = limit;
    }

    ReturnKind kind() {
        return kind;
    }

    @Override
    public Merged merge(List<ShardPart> parts) {
        try {
            return new Merged(mergeByKind(parts));
        } catch (ArithmeticException ex) {
            throw new ScatterGatherException(rule, null, where + ": the sum of the shards' results overflows "
                    + kind.name().toLowerCase(Locale.ROOT), ex);
        }
    }

    private @Nullable Object mergeByKind(List<ShardPart> parts) {
        return switch (kind) {
            case VOID -> null;
            case INT -> sumInt(parts);
            case LONG -> sumLong(parts);
            case DOUBLE -> sumDouble(parts);
            case DECIMAL -> sumDecimal(parts);
            case LIST -> list(parts);
            case SET -> set(parts);
            case OPTIONAL -> firstPresent(parts);
            case MAP -> MapMerge.merge(rule, where, parts);
        };
    }

    private static int sumInt(List<ShardPart> parts) {
        int sum = 0;
        for (ShardPart part : parts) {
            if (part.value() != null) {
                sum = Math.addExact(sum, (Integer) part.value());
            }
        }
        return sum;
    }

    private static long sumLong(List<ShardPart> parts) {
        long sum = 0;
        for (ShardPart part : parts) {
            if (part.value() != null) {
                sum = Math.addExact(sum, (Long) part.value());
            }
        }
        return sum;
    }

    private static double sumDouble(List<ShardPart> parts) {
        double sum = 0;
        for (ShardPart part : parts) {
            if (part.value() != null) {
                sum += (Double) part.value();
            }
        }
        return sum;
    }

    private static BigDecimal sumDecimal(List<ShardPart> parts) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ShardPart part : parts) {
            if (part.value() != null) {
                sum = sum.add((BigDecimal) part.value());
            }
        }
        return sum;
    }

    private List<Object> list(List<ShardPart> parts) {
        List<List<Object>> lists = new ArrayList<>(parts.size());
        for (ShardPart part : parts) {
            lists.add(asList(part.value()));
        }
        if (order == null) {
            List<Object> all = new ArrayList<>();
            for (List<Object> one : lists) {
                all.addAll(one);
            }
            return limit >= 0 && all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
        }
        Merger<List<Object>, List<Object>> merger = limit >= 0 ? Merges.topN(order, limit) : Merges.ordered(order);
        try {
            return new ArrayList<>(merger.merge(lists));
        } catch (UnsortedShardResultException ex) {
            throw new ScatterGatherException(rule, parts.get(ex.getPosition()).shard().name(), where
                    + ": the shard's result is not sorted by " + order.getClass().getName(), ex);
        }
    }

    private static Set<Object> set(List<ShardPart> parts) {
        Set<Object> union = new LinkedHashSet<>();
        for (ShardPart part : parts) {
            union.addAll((Collection<?>) part.value());
        }
        return union;
    }

    private static Optional<?> firstPresent(List<ShardPart> parts) {
        for (ShardPart part : parts) {
            Optional<?> value = (Optional<?>) part.value();
            if (value != null && value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(@Nullable Object value) {
        return value instanceof List<?> list ? (List<Object>) list : new ArrayList<>((Collection<Object>) value);
    }

    /**
     * The merged value, in a holder because {@link io.shardkit.scatter.ScatterResult} takes no null and a
     * {@code void} method merges to nothing.
     *
     * @param value the merged value; {@code null} for {@code void}
     */
    record Merged(@Nullable Object value) {
    }
}
