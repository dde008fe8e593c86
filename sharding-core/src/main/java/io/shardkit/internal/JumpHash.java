package io.shardkit.internal;

/**
 * Jump consistent hash (Lamping and Veach, 2014), bit-for-bit the algorithm of Guava's
 * {@code Hashing.consistentHash(long, int)} (tests compare the two), without the generator object it allocates.
 *
 * <p>Stateless and thread-safe.
 */
public final class JumpHash {

    private JumpHash() {
    }

    /** The bucket in {@code [0, buckets)} of {@code input}; {@code buckets} must be positive. */
    public static int bucket(long input, int buckets) {
        if (buckets <= 0) {
            throw new IllegalArgumentException("buckets must be positive but was " + buckets);
        }
        long state = input;
        int candidate = 0;
        while (true) {
            state = 2862933555777941757L * state + 1;
            double next = ((double) ((int) (state >>> 33) + 1)) / 0x1.0p31;
            int jump = (int) ((candidate + 1) / next);
            if (jump >= 0 && jump < buckets) {
                candidate = jump;
            } else {
                return candidate;
            }
        }
    }
}
