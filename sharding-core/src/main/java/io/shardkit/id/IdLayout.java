package io.shardkit.id;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bit layout of shardkit ids, and the functions that take an id apart without any lookup. Immutable and
 * thread-safe; the decoding methods are a few shifts and masks and allocate nothing (except {@link #instantOf}).
 *
 * <pre>
 *  63 | 62 ........................ | ............. | ............ | ................ 0
 *   0 | milliseconds since epoch    | shard index   | node id      | sequence
 *     | 63 - shard - node - seq     | shardBits     | nodeBits     | sequenceBits
 * </pre>
 *
 * <ul>
 *   <li><b>sign</b> (1 bit): always 0, so ids are positive {@code long}s and sort the same signed or
 *       unsigned, in Java and in SQL {@code BIGINT} columns.</li>
 *   <li><b>time</b>: milliseconds since {@link #epoch()}; whatever bits the other fields leave, at least
 *       {@value #MIN_TIME_BITS} (about 17.4 years). 41 bits last about 69.7 years, 40 bits 34.8, 39 bits 17.4;
 *       {@link #lifetimeYears()} and {@link #toString()} state it for each layout.</li>
 *   <li><b>shard</b>: the index of the shard in the rule's shard list; {@code shardBits} bits name
 *       {@code 2^shardBits} shards.</li>
 *   <li><b>node</b>: the id of the application node (JVM) that minted the id, see
 *       {@link ShardIdGenerator.Builder#nodeId(int)}; zero bits in the default layout.</li>
 *   <li><b>sequence</b>: counts the ids one generator mints within one millisecond.</li>
 * </ul>
 * Ids therefore sort by time first (to the millisecond), then by shard, node and sequence: the shard stays a
 * shift and a mask away, and the ids one node mints for one shard strictly increase.
 *
 * <p>{@link #DEFAULT} is 41 bits of time since 2025-01-01T00:00:00Z (until 2094-09-07T15:47:35.551Z), 10 bits
 * of shard (1024 shards), no node bits and 12 bits of sequence (4096 ids per millisecond). With no node bits,
 * two nodes minting for the same shard in the same millisecond can mint the same id: the default layout is
 * only safe with one minting node per shard, or with a unique constraint on the id column that turns the rare
 * duplicate into a failed insert. For several minting nodes build a layout with node bits, e.g.
 * {@code IdLayout.custom().shardBits(8).nodeBits(4).sequenceBits(10).build()} (41 bits of time, 256 shards,
 * 16 nodes, 1024 ids per millisecond per node, i.e. about a million ids per second per node).
 *
 * <p><b>Compatibility:</b> a layout and its epoch are a persisted contract: ids already stored decode only
 * through the layout that minted them. {@link #DEFAULT} is pinned by a golden test and will not change within
 * a major version; a custom layout, once ids are stored, must never change either.
 */
public final class IdLayout {

    /** Default start of the id clock: 2025-01-01T00:00:00Z. */
    public static final Instant DEFAULT_EPOCH = Instant.parse("2025-01-01T00:00:00Z");
    /** Default bits of shard index: 10 (1024 shards). */
    public static final int DEFAULT_SHARD_BITS = 10;
    /** Default bits of node id: none. */
    public static final int DEFAULT_NODE_BITS = 0;
    /** Default bits of per-millisecond sequence: 12 (4096 ids per millisecond). */
    public static final int DEFAULT_SEQUENCE_BITS = 12;

    /** Fewest time bits a layout may keep: 39 bits of milliseconds last about 17.4 years. */
    public static final int MIN_TIME_BITS = 39;
    /** Fewest shard bits: 1 (two shards). */
    public static final int MIN_SHARD_BITS = 1;
    /** Most shard bits: 16 (65,536 shards). */
    public static final int MAX_SHARD_BITS = 16;
    /** Most node bits: 10 (1024 nodes). */
    public static final int MAX_NODE_BITS = 10;
    /** Fewest sequence bits: 4 (16 ids per millisecond per node). */
    public static final int MIN_SEQUENCE_BITS = 4;
    /** Most sequence bits: what {@link #MIN_TIME_BITS} and {@link #MIN_SHARD_BITS} leave, 23. */
    public static final int MAX_SEQUENCE_BITS = 63 - MIN_TIME_BITS - MIN_SHARD_BITS;
    /** Earliest epoch: the Unix epoch. */
    public static final Instant MIN_EPOCH = Instant.EPOCH;
    /** Latest epoch: 2100-01-01T00:00:00Z. */
    public static final Instant MAX_EPOCH = Instant.parse("2100-01-01T00:00:00Z");

    /** The layout of every id minted before layouts were configurable: 41 | 10 shard | 0 node | 12 sequence. */
    public static final IdLayout DEFAULT = custom().build();

    private static final double MILLIS_PER_YEAR = 365.2425 * 24 * 60 * 60 * 1000;

    private final Instant epoch;
    private final long epochMillis;
    private final int timeBits;
    private final int shardBits;
    private final int nodeBits;
    private final int sequenceBits;
    private final int nodeShift;
    private final int shardShift;
    private final int timeShift;
    private final long maxTimestamp;
    private final int shardMask;
    private final int nodeMask;
    private final int sequenceMask;

    IdLayout(Instant epoch, int shardBits, int nodeBits, int sequenceBits) {
        this.epoch = epoch;
        this.epochMillis = epoch.toEpochMilli();
        this.shardBits = shardBits;
        this.nodeBits = nodeBits;
        this.sequenceBits = sequenceBits;
        this.timeBits = 63 - shardBits - nodeBits - sequenceBits;
        this.nodeShift = sequenceBits;
        this.shardShift = sequenceBits + nodeBits;
        this.timeShift = shardShift + shardBits;
        this.maxTimestamp = (1L << timeBits) - 1;
        this.shardMask = (1 << shardBits) - 1;
        this.nodeMask = (1 << nodeBits) - 1;
        this.sequenceMask = (1 << sequenceBits) - 1;
    }

    /** A builder starting from the defaults of {@link #DEFAULT}. */
    public static IdLayoutBuilder custom() {
        return new IdLayoutBuilder();
    }

    /** A builder starting from {@code base}, e.g. to change only its epoch. */
    public static IdLayoutBuilder from(IdLayout base) {
        Objects.requireNonNull(base, "base");
        return new IdLayoutBuilder().epoch(base.epoch).shardBits(base.shardBits).nodeBits(base.nodeBits)
                .sequenceBits(base.sequenceBits);
    }

    /**
     * Packs the parts of an id with node id 0, as the default layout (which has no node bits) always does.
     *
     * @throws IllegalArgumentException when a part does not fit its bits
     */
    public long compose(long millisSinceEpoch, int shard, int sequence) {
        return compose(millisSinceEpoch, shard, 0, sequence);
    }

    /**
     * Packs the four parts into an id.
     *
     * @param millisSinceEpoch milliseconds since {@link #epoch()}, 0 to {@link #maxTimestamp()}
     * @param shard            shard index, 0 to {@code maxShards() - 1}
     * @param node             node id, 0 to {@code maxNodes() - 1}
     * @param sequence         sequence, 0 to {@link #maxSequence()}
     * @throws IllegalArgumentException when a part does not fit its bits
     */
    public long compose(long millisSinceEpoch, int shard, int node, int sequence) {
        if (millisSinceEpoch < 0 || millisSinceEpoch > maxTimestamp) {
            throw new IllegalArgumentException("milliseconds since the id epoch must be in [0.." + maxTimestamp
                    + "] but was " + millisSinceEpoch);
        }
        checkShardIndex(shard);
        checkPart("node id", node, nodeMask);
        checkPart("sequence", sequence, sequenceMask);
        return (millisSinceEpoch << timeShift) | ((long) shard << shardShift) | ((long) node << nodeShift)
                | sequence;
    }

    /**
     * The shard index embedded in {@code id}.
     *
     * @throws InvalidIdException when {@code id} is negative (no shardkit id is)
     */
    public int shardOf(long id) {
        checkNotNegative(id);
        return (int) (id >>> shardShift) & shardMask;
    }

    /**
     * The shard index embedded in {@code id}, checked against a rule's shard count.
     *
     * @param rule       the rule decoding the id, for the error message
     * @param shardCount how many shards the rule has
     * @throws InvalidIdException when {@code id} is negative or names a shard index {@code >= shardCount}
     */
    public int shardOf(String rule, long id, int shardCount) {
        if (id < 0) {
            throw InvalidIdException.negative(rule, id, this);
        }
        int shard = (int) (id >>> shardShift) & shardMask;
        if (shard >= shardCount) {
            throw InvalidIdException.shardOutOfRange(rule, id, shard, shardCount);
        }
        return shard;
    }

    /**
     * The node id embedded in {@code id}; always 0 in a layout without node bits.
     *
     * @throws InvalidIdException when {@code id} is negative
     */
    public int nodeOf(long id) {
        checkNotNegative(id);
        return (int) (id >>> nodeShift) & nodeMask;
    }

    /**
     * The sequence embedded in {@code id}.
     *
     * @throws InvalidIdException when {@code id} is negative
     */
    public int sequenceOf(long id) {
        checkNotNegative(id);
        return (int) id & sequenceMask;
    }

    /**
     * The time embedded in {@code id}, in Unix milliseconds.
     *
     * @throws InvalidIdException when {@code id} is negative
     */
    public long timestampOf(long id) {
        checkNotNegative(id);
        return (id >>> timeShift) + epochMillis;
    }

    /**
     * The time embedded in {@code id}, as an instant.
     *
     * @throws InvalidIdException when {@code id} is negative
     */
    public Instant instantOf(long id) {
        return Instant.ofEpochMilli(timestampOf(id));
    }

    /** Start of the id clock. */
    public Instant epoch() {
        return epoch;
    }

    /** {@link #epoch()} in Unix milliseconds. */
    public long epochMillis() {
        return epochMillis;
    }

    /** Bits of milliseconds since the epoch: 63 minus the other fields. */
    public int timeBits() {
        return timeBits;
    }

    /** Bits of shard index. */
    public int shardBits() {
        return shardBits;
    }

    /** Bits of node id; 0 in {@link #DEFAULT}. */
    public int nodeBits() {
        return nodeBits;
    }

    /** Bits of per-millisecond sequence. */
    public int sequenceBits() {
        return sequenceBits;
    }

    /** How many shards an id can name: {@code 2^shardBits}. */
    public int maxShards() {
        return shardMask + 1;
    }

    /** How many node ids an id can carry: {@code 2^nodeBits}, so 1 (node 0 only) without node bits. */
    public int maxNodes() {
        return nodeMask + 1;
    }

    /** The largest sequence number: ids per millisecond per node, minus one. */
    public int maxSequence() {
        return sequenceMask;
    }

    /** The largest number of milliseconds since the epoch an id can hold. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    /** The last millisecond this layout can hold; clocks past it cannot mint ids. */
    public Instant end() {
        return Instant.ofEpochMilli(epochMillis + maxTimestamp);
    }

    /** How long the time field lasts from the epoch, in years of 365.2425 days. */
    public double lifetimeYears() {
        return (maxTimestamp + 1) / MILLIS_PER_YEAR;
    }

    int shardShift() {
        return shardShift;
    }

    int nodeShift() {
        return nodeShift;
    }

    int timeShift() {
        return timeShift;
    }

    /** The bit fields, as error messages show them. */
    String describeBits() {
        return "sign bit 0 | " + timeBits + " bits time | " + shardBits + " bits shard | " + nodeBits
                + " bits node | " + sequenceBits + " bits sequence";
    }

    void checkShardIndex(int shard) {
        checkPart("shard index", shard, shardMask);
    }

    private static void checkPart(String part, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(part + " must be in [0.." + max + "] but was " + value);
        }
    }

    private void checkNotNegative(long id) {
        if (id < 0) {
            throw InvalidIdException.negative(null, id, this);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof IdLayout other && epochMillis == other.epochMillis && shardBits == other.shardBits
                && nodeBits == other.nodeBits && sequenceBits == other.sequenceBits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(epochMillis, shardBits, nodeBits, sequenceBits);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "IdLayout[time=%d bits since %s (until %s, %.1f years), shard=%d bits,"
                + " node=%d bits, sequence=%d bits]", timeBits, epoch, end(), lifetimeYears(), shardBits, nodeBits,
                sequenceBits);
    }
}
