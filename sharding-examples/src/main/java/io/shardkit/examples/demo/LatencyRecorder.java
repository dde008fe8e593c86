package io.shardkit.examples.demo;

import java.util.Arrays;

/**
 * Records call latencies into a pre-sized array and answers percentiles by sorting once at the end: exact, and
 * cheap enough for the demo's few hundred thousand samples.
 *
 * <p>Not thread-safe: give each client thread its own recorder and {@link #merge} them afterwards.
 */
public final class LatencyRecorder {

    private long[] samples;
    private int count;

    public LatencyRecorder(int expectedSamples) {
        if (expectedSamples < 0) {
            throw new IllegalArgumentException("expectedSamples must be >= 0 but was " + expectedSamples);
        }
        this.samples = new long[Math.max(16, expectedSamples)];
    }

    /** Adds one latency, in nanoseconds. */
    public void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[count++] = nanos;
    }

    public int count() {
        return count;
    }

    /** The samples of every recorder, sorted, as one distribution. */
    public static Percentiles merge(Iterable<LatencyRecorder> recorders) {
        int total = 0;
        for (LatencyRecorder r : recorders) {
            total += r.count;
        }
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.samples, 0, all, at, r.count);
            at += r.count;
        }
        Arrays.sort(all);
        return new Percentiles(all);
    }

    /**
     * A sorted distribution of latencies in nanoseconds.
     *
     * <p>Immutable after construction (the array is owned); thread-safe.
     */
    public static final class Percentiles {
        private final long[] sorted;

        Percentiles(long[] sorted) {
            this.sorted = sorted;
        }

        public int count() {
            return sorted.length;
        }

        /**
         * The smallest sample that at least {@code percent} percent of the samples do not exceed (nearest-rank);
         * 0 when there are no samples.
         */
        public long percentileNanos(double percent) {
            if (percent <= 0 || percent > 100) {
                throw new IllegalArgumentException("percent must be in (0, 100] but was " + percent);
            }
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }

        public long maxNanos() {
            return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        }
    }
}
