package io.shardkit.examples.analytics;

/**
 * The price band of an order total, as the {@code price-bands} range rule splits totals: below 9,000 cents,
 * 9,000 up to 30,000, and 30,000 or more. The rule decides the shard; this names the band for people.
 */
public enum PriceBand {
    SMALL, MEDIUM, LARGE;

    /** Upper bound (exclusive) of {@link #SMALL}, in cents. */
    public static final long SMALL_BELOW = 9_000;
    /** Lower bound (inclusive) of {@link #LARGE}, in cents. */
    public static final long LARGE_FROM = 30_000;

    public static PriceBand of(long totalCents) {
        if (totalCents < SMALL_BELOW) {
            return SMALL;
        }
        return totalCents < LARGE_FROM ? MEDIUM : LARGE;
    }
}
