package io.shardkit.scatter.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Lazily merges k sorted sources into one sorted sequence with a heap of their heads: O(log k) per element and
 * no copy of the inputs, so a top-N merge reads only N elements past the heads. Equal elements come in source
 * order (a stable merge). A source found unsorted fails with the caller's {@link OutOfOrder} exception instead
 * of yielding a misordered answer.
 *
 * <p>Not thread-safe: one iterator, one consumer.
 */
public final class KWayMerge<T> implements Iterator<T> {

    private final Comparator<? super T> order;
    private final OutOfOrder outOfOrder;
    private final List<Iterator<? extends T>> sources;
    private final PriorityQueue<Head<T>> heap;
    private int lastSource = -1;

    private KWayMerge(List<? extends Iterator<? extends T>> sources, Comparator<? super T> order,
                      OutOfOrder outOfOrder) {
        this.order = order;
        this.outOfOrder = outOfOrder;
        this.sources = new ArrayList<>(sources);
        this.heap = new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> {
            int cmp = order.compare(a.value, b.value);
            return cmp != 0 ? cmp : Integer.compare(a.source, b.source);
        });
        for (int i = 0; i < this.sources.size(); i++) {
            Iterator<? extends T> it = this.sources.get(i);
            if (it.hasNext()) {
                heap.add(new Head<>(it.next(), i));
            }
        }
    }

    /**
     * Merges {@code sources}, each sorted by {@code order}, into one iterator sorted by {@code order}; a source
     * found unsorted throws what {@code outOfOrder} makes.
     */
    public static <T> KWayMerge<T> of(List<? extends Iterator<? extends T>> sources, Comparator<? super T> order,
                                      OutOfOrder outOfOrder) {
        return new KWayMerge<>(sources, order, outOfOrder);
    }

    /** The source (position in the list given) of the element most recently returned by {@link #next()}. */
    public int lastSource() {
        return lastSource;
    }

    @Override
    public boolean hasNext() {
        return !heap.isEmpty();
    }

    @Override
    public T next() {
        Head<T> head = heap.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        Iterator<? extends T> it = sources.get(head.source);
        if (it.hasNext()) {
            T following = it.next();
            if (order.compare(following, head.value) < 0) {
                throw outOfOrder.at(head.source, String.valueOf(head.value), String.valueOf(following));
            }
            heap.add(new Head<>(following, head.source));
        }
        lastSource = head.source;
        return head.value;
    }

    private record Head<T>(T value, int source) {
    }

    /** Makes the exception for a source found unsorted. */
    @FunctionalInterface
    public interface OutOfOrder {
        /**
         * @param source   the unsorted source's position in the list given
         * @param previous the element before, as it prints
         * @param next     the element that sorts before it, as it prints
         */
        RuntimeException at(int source, String previous, String next);
    }
}
