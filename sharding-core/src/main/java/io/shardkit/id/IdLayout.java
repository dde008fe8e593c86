package io.shardkit.id;

import java.time.Instant;

/**
 * The bit layout of shardkit ids, and the functions that take an id apart without any lookup.
 *
 * <pre>
 *  63  62                                      22 21          12 11          0
 * +---+------------------------------------------+--------------+-------------+
 * | 0 |  milliseconds since {@link #EPOCH} (41)   | shard (10)   | sequence(12)|
 * +---+------------------------------------------+--------------+-------------+
 * </pre>
 *
 * <ul>
 *   <li><b>sign</b> (1 bit): always 0, so ids are positive {@code long}s and sort the same signed or
 *       unsigned, in Java and in SQL {@code BIGINT} columns.</li>
 *   <li><b>time</b> (41 bits): milliseconds since 2025-01-01T00:00:00Z ({@link #EPOCH_MILLIS}), which lasts
 *       about 69.7 years, until 2094-09-07T15:47:35.551Z ({@link #MAX_TIMESTAMP}).</li>
 *   <li><b>shard</b> (10 bits): the index of the shard in the rule's shard list, 0 to 1023.</li>
 *   <li><b>sequence</b> (12 bits): 0 to 4095, counting ids minted by one generator within one millisecond.</li>
 * </ul>
 *
 * <p>Ids therefore sort by time first (to the millisecond), then by shard, then by sequence.
 *
 * <p><b>Compatibility:</b> the layout and the epoch are a persisted contract: ids already stored decode through
 * them. They are pinned by golden tests and will not change within a major version.
 *
 * <p>Stateless and thread-safe; every method is a few shifts and masks and allocates nothing (except
 * {@link #instantOf}).
 */
public final class IdLayout {

    /** Start of the id clock: 2025-01-01T00:00:00Z. */
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    /** {@link #EPOCH} in Unix milliseconds. */
    public static final long EPOCH_MILLIS = 1_735_689_600_000L;

    /** Bits of milliseconds since the epoch. */
    public static final int TIMESTAMP_BITS = 41;
    /** Bits of shard index. */
    public static final int SHARD_BITS = 10;
    /** Bits of per-millisecond sequence. */
    public static final int SEQUENCE_BITS = 12;

    /** Position of the lowest shard bit. */
    public static final int SHARD_SHIFT = SEQUENCE_BITS;
    /** Position of the lowest time bit. */
    public static final int TIMESTAMP_SHIFT = SEQUENCE_BITS + SHARD_BITS;

    /** How many shards an id can name: 1024. */
    public static final int MAX_SHARDS = 1 << SHARD_BITS;
    /** The largest sequence number: 4095. */
    public static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
    /** The largest number of milliseconds since the epoch an id can hold. */
    public static final long MAX_TIMESTAMP = (1L << TIMESTAMP_BITS) - 1;

    private static final long SHARD_MASK = MAX_SHARDS - 1;

    private IdLayout() {
    }

    /**
     * Packs the three parts into an id.
     *
     * @param millisSinceEpoch milliseconds since {@link #EPOCH}, 0 to {@link #MAX_TIMESTAMP}
     * @param shard            shard index, 0 to {@code MAX_SHARDS - 1}
     * @param sequence         sequence, 0 to {@link #MAX_SEQUENCE}
     * @throws IllegalArgumentException when a part does not fit its bits
     */
    public static long compose(long millisSinceEpoch, int shard, int sequence) {
        if (millisSinceEpoch < 0 || millisSinceEpoch > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("milliseconds since the id epoch must be in [0.." + MAX_TIMESTAMP
                    + "] but was " + millisSinceEpoch);
        }
        checkShardIndex(shard);
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence must be in [0.." + MAX_SEQUENCE + "] but was " + sequence);
        }
        return (millisSinceEpoch << TIMESTAMP_SHIFT) | ((long) shard << SHARD_SHIFT) | sequence;
    }

    /**
     * The shard index embedded in {@code id}.
     *
     * @throws InvalidIdException when {@code id} is negative (no shardkit id is)
     */
    public static int shardOf(long id) {
        checkNotNegative(id);
        return (int) ((id >>> SHARD_SHIFT) & SHARD_MASK);
    }

    /**
     * The shard index embedded in {@code id}, checked against a rule's shard count.
     *
     * @param rule       the rule decoding the id, for the error message
     * @param shardCount how many shards the rule has
     * @throws InvalidIdException when {@code id} is negative or names a shard index {@code >= shardCount}
     */
    public static int shardOf(String rule, long id, int shardCount) {
        if (id < 0) {
            throw InvalidIdException.negative(rule, id);
        }
        int shard = (int) ((id >>> SHARD_SHIFT) & SHARD_MASK);
        if (shard >= shardCount) {
            throw InvalidIdException.shardOutOfRange(rule, id, shard, shardCount);
        }
        return shard;
    }

    /**
     * The time embedded in {@code id}, in Unix milliseconds.
     *
     * @throws InvalidIdException when {@code id} is negative
     */
    public static long timestampOf(long id) {
        checkNotNegative(id);
        return (id >>> TIMESTAMP_SHIFT) + EPOCH_MILLIS;
    }

    /**
     * The time embedded in {@code id}, as an instant.
     *
     * @throws InvalidIdException when {@code id} is negative
     */
    public static Instant instantOf(long id) {
        return Instant.ofEpochMilli(timestampOf(id));
    }

    /**
     * The sequence embedded in {@code id}.
     *
     * @throws InvalidIdException when {@code id} is negative
     */
    public static int sequenceOf(long id) {
        checkNotNegative(id);
        return (int) (id & MAX_SEQUENCE);
    }

    static void checkShardIndex(int shard) {
        if (shard < 0 || shard >= MAX_SHARDS) {
            throw new IllegalArgumentException("shard index must be in [0.." + (MAX_SHARDS - 1) + "] but was "
                    + shard);
        }
    }

    private static void checkNotNegative(long id) {
        if (id < 0) {
            throw InvalidIdException.negative(null, id);
        }
    }
}
