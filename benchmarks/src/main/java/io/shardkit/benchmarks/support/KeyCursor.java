package io.shardkit.benchmarks.support;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A per-thread, repeatable sequence of existing keys {@code 1..bound}: thread n of every run draws the same
 * keys in the same order, whichever peer it measures, and drawing a key costs an array read.
 *
 * <p>Not thread-safe: one cursor per benchmark thread.
 */
public final class KeyCursor {

    private static final int SIZE = 4096;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final long[] keys = new long[SIZE];
    private int next;

    /** A cursor over {@code 1..bound}, seeded from the order in which threads ask for one. */
    public KeyCursor(long bound) {
        SplittableRandom random = new SplittableRandom(0x5EED + THREADS.getAndIncrement());
        for (int i = 0; i < SIZE; i++) {
            keys[i] = 1 + random.nextLong(bound);
        }
    }

    /** The next key. */
    public long next() {
        long key = keys[next];
        next = (next + 1) & (SIZE - 1);
        return key;
    }
}
