package io.shardkit.id;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketedStrategy;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Mints 64-bit ids that carry their shard (and, in a layout with node bits, the minting node; see
 * {@link IdLayout}), so that an order id alone tells which shard holds the order. Build one per application
 * node with {@link #ofDefaults()} or {@link #custom()} and share it.
 *
 * <p>Thread-safe and lock-free. The generator's whole state, the time and sequence of the last id, is packed
 * in one {@code long} and advanced by compare-and-set: uncontended, an id costs one clock read and one CAS;
 * contended, a loser simply retries with the fresh state, and no thread can stall another by being descheduled
 * while holding a lock. The waits below spin on the clock outside any lock.
 *
 * <p>Guarantees, per generator:
 * <ul>
 *   <li><b>unique</b>: the (time, sequence) pair of every id is distinct, whatever the shard;</li>
 *   <li><b>monotonic</b>: the ids a thread mints for one shard strictly increase; ids for different shards
 *       are ordered by their millisecond (the shard bits sit above the node and sequence bits);</li>
 *   <li><b>sequence overflow</b>: after {@code layout.maxSequence() + 1} ids in one millisecond (4096 in the
 *       default layout) the next call waits for the next millisecond;</li>
 *   <li><b>clock stepping back</b> by at most {@link #maxBackwardsMillis()} (default
 *       {@link #DEFAULT_MAX_BACKWARDS}): the call waits until the clock is back at the last id's time; a larger
 *       step throws {@link ClockMovedBackwardsException} carrying the offset, rather than risking a duplicate.
 *       A clock that does not advance at all for {@link #STALLED_CLOCK_LIMIT} fails with a
 *       {@link ShardingException} rather than spinning forever.</li>
 * </ul>
 *
 * <p><b>Several minting nodes.</b> Each generator counts only its own ids, so two generators (two JVMs, or two
 * instances in one JVM) minting for the same shard in the same millisecond collide unless their ids differ in
 * the node bits. In {@link IdLayout#DEFAULT} there are none: it is only safe with one minting node per shard,
 * or with a unique constraint (e.g. the primary key) on the id column to turn the rare duplicate into a failed
 * insert that the caller retries. For several nodes, choose a layout with node bits and give every node a
 * distinct node id:
 * <pre>{@code
 * IdLayout layout = IdLayout.custom().shardBits(8).nodeBits(4).sequenceBits(10).build(); // 16 nodes
 * ShardIdGenerator ids = ShardIdGenerator.custom()
 *         .layout(layout)
 *         .nodeId(Integer.parseInt(System.getenv("SHARDKIT_NODE_ID")))  // 0..15, distinct per node
 *         .build();
 * }</pre>
 * Two generators with the same layout and different node ids can never mint the same id: their ids differ in
 * the node bits. Assign node ids where uniqueness is already guaranteed, e.g. the ordinal of a Kubernetes
 * StatefulSet pod (the number after the last '-' of its host name), or an explicit per-instance configuration
 * value; never at random. Two live generators must never share a node id, and a node id can be reused only
 * once the previous holder has stopped minting and the new holder's clock is past its last id. The rule
 * decoding the ids must use the same layout ({@link io.shardkit.strategy.ShardingStrategies#id(int, IdLayout)}).
 *
 * <p>{@link #nextIdFor(ShardingRule, Object)} mints an id on the shard another rule gives a key, e.g. an order
 * id on its customer's shard. The id's shard bits are the <em>slot</em> of that rule (the shard's position in
 * its shard list), so the id rule that later decodes the id ({@link io.shardkit.strategy.ShardingStrategies#id})
 * must list the same shards in the same order. For a bucketed rule the shard bits carry the key's <em>bucket</em>
 * instead, and {@link io.shardkit.strategy.ShardingStrategies#bucketedId} follows the bucket map.
 */
public final class ShardIdGenerator {

    /** Default bound for a backward clock step that is waited out rather than refused: 5 ms. */
    public static final Duration DEFAULT_MAX_BACKWARDS = Duration.ofMillis(5);
    /** Largest bound {@link Builder#maxBackwards} accepts: waiting longer in a caller's thread is worse. */
    public static final Duration MAX_BACKWARDS_LIMIT = Duration.ofSeconds(1);
    /** How long a waiting call spins on a clock that does not move before giving up. */
    public static final Duration STALLED_CLOCK_LIMIT = Duration.ofSeconds(2);

    private final IdLayout layout;
    private final int nodeId;
    private final LongSupplier clock;
    private final long maxBackwardsMillis;
    private final int seqBits;
    private final long seqMask;
    /** The node id in place, or-ed into every id. */
    private final long nodePart;
    /** (millis since epoch of the last id) << seqBits | its sequence; starts at time -1, sequence 0. */
    private final AtomicLong state;

    private ShardIdGenerator(Builder builder) {
        this.layout = builder.layout;
        this.nodeId = builder.nodeId;
        this.clock = builder.clock;
        this.maxBackwardsMillis = builder.maxBackwards.toMillis();
        this.seqBits = layout.sequenceBits();
        this.seqMask = layout.maxSequence();
        this.nodePart = (long) nodeId << layout.nodeShift();
        // "No id yet": time -1, so that any clock reading at or after the epoch is ahead of it.
        this.state = new AtomicLong(-1L << seqBits);
    }

    /**
     * A generator on the system clock with {@link IdLayout#DEFAULT} (no node bits), node id 0 and the default
     * backward bound: only for one minting node per shard, see the class comment.
     */
    public static ShardIdGenerator ofDefaults() {
        return custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** The layout of the ids minted. */
    public IdLayout layout() {
        return layout;
    }

    /** The node id in every id minted; 0 in a layout without node bits. */
    public int nodeId() {
        return nodeId;
    }

    /** Backward clock steps up to this many milliseconds are waited out; larger ones throw. */
    public long maxBackwardsMillis() {
        return maxBackwardsMillis;
    }

    /**
     * A new id for shard index {@code shardIndex}.
     *
     * @param shardIndex 0 to {@code layout().maxShards() - 1}
     * @throws IllegalArgumentException     when the index does not fit the shard bits
     * @throws ClockMovedBackwardsException when the clock stepped back past the bound
     */
    public long nextId(int shardIndex) {
        layout.checkShardIndex(shardIndex);
        long tick = nextTick();
        long millis = tick >> seqBits;
        return (millis << layout.timeShift()) | ((long) shardIndex << layout.shardShift()) | nodePart
                | (tick & seqMask);
    }

    /**
     * A new id whose shard bits are the slot {@code rule} gives {@code key}: the id lands where the key does.
     * The rule's own errors (an invalid key, a key out of range) propagate unchanged.
     *
     * @throws ShardingConfigurationException when the rule has more shards than the id layout can name
     */
    public long nextIdFor(ShardingRule rule, @Nullable Object key) {
        Objects.requireNonNull(rule, "rule");
        if (rule.strategy() instanceof BucketedStrategy bucketed) {
            // A bucketed rule's ids carry the bucket, which never moves, so an id still finds its row after a move.
            if (bucketed.buckets() > layout.maxShards()) {
                throw new ShardingConfigurationException("Rule '" + rule.name() + "' has " + bucketed.buckets()
                        + " buckets but ids can name at most " + layout.maxShards() + " (" + layout + ")");
            }
            return nextId(bucketed.bucketOf(rule.name(), key));
        }
        int shards = rule.shards().size();
        if (shards > layout.maxShards()) {
            throw new ShardingConfigurationException("Rule '" + rule.name() + "' has " + shards
                    + " shards but ids can name at most " + layout.maxShards() + " (" + layout + ")");
        }
        return nextId(rule.strategy().shardOf(rule.name(), key));
    }

    /** Advances the packed state past the last id and returns it. */
    private long nextTick() {
        while (true) {
            // State first, clock second: the last id was then minted at or before this clock reading, so a thread
            // descheduled between the two reads cannot mistake other threads' progress for the clock going back.
            long last = state.get();
            long now = millisSinceEpoch();
            long lastMillis = last >> seqBits;
            long next;
            if (now > lastMillis) {
                next = now << seqBits;
            } else if (now == lastMillis && (last & seqMask) < seqMask) {
                next = last + 1;
            } else {
                // Sequence exhausted in this millisecond, or the clock is behind the last id: wait for time to
                // pass lastMillis (or, on the overflow path, reach lastMillis + 1) and try again.
                awaitClock(now == lastMillis ? lastMillis + 1 : lastMillis, lastMillis, now);
                continue;
            }
            if (state.compareAndSet(last, next)) {
                return next;
            }
        }
    }

    /** Spins until the clock reads at least {@code target}; refuses a step back from {@code lastMillis} too far. */
    private void awaitClock(long target, long lastMillis, long now) {
        long startNanos = System.nanoTime();
        long reading = now;
        while (reading < target) {
            long behind = lastMillis - reading;
            if (behind > maxBackwardsMillis) {
                throw new ClockMovedBackwardsException(behind, lastMillis + layout.epochMillis(), maxBackwardsMillis);
            }
            if (System.nanoTime() - startNanos > STALLED_CLOCK_LIMIT.toNanos()) {
                throw stalled(target);
            }
            // Yield rather than a pure spin: on a busy machine the thread that moves time forward may need the CPU.
            Thread.yield();
            reading = millisSinceEpoch();
        }
    }

    private long millisSinceEpoch() {
        long millis = clock.getAsLong() - layout.epochMillis();
        if (millis < 0 || millis > layout.maxTimestamp()) {
            throw outOfEpoch(millis + layout.epochMillis());
        }
        return millis;
    }

    private ShardingException outOfEpoch(long unixMillis) {
        return new ShardingException("Clock reads Unix ms " + unixMillis + ", outside the id layout's time span ["
                + layout.epoch() + " .. " + layout.end() + "]; is the clock set?");
    }

    private ShardingException stalled(long target) {
        return new ShardingException("Clock did not reach Unix ms " + (target + layout.epochMillis()) + " within "
                + STALLED_CLOCK_LIMIT.toMillis() + " ms; is it frozen?");
    }

    @Override
    public String toString() {
        return "ShardIdGenerator[nodeId=" + nodeId + ", maxBackwardsMillis=" + maxBackwardsMillis + ", " + layout
                + "]";
    }

    /** Builder for {@link ShardIdGenerator}; not thread-safe. */
    public static final class Builder {
        private IdLayout layout = IdLayout.DEFAULT;
        private int nodeId;
        private LongSupplier clock = System::currentTimeMillis;
        private Duration maxBackwards = DEFAULT_MAX_BACKWARDS;

        private Builder() {
        }

        /**
         * The layout of the ids; default {@link IdLayout#DEFAULT}. The rule that decodes the ids must use the same
         * one, and it must not change once ids are stored.
         */
        public Builder layout(IdLayout layout) {
            this.layout = Objects.requireNonNull(layout, "layout");
            return this;
        }

        /**
         * This node's id, written into the node bits of every id; default 0. It must fit the layout's node bits
         * (0 to {@code layout.maxNodes() - 1}, checked by {@link #build()}), and no two generators minting at the
         * same time may share it: take it from configuration or a pod ordinal, see the class comment.
         */
        public Builder nodeId(int nodeId) {
            if (nodeId < 0 || nodeId > (1 << IdLayout.MAX_NODE_BITS) - 1) {
                throw new ShardingConfigurationException("nodeId must be in [0.." + ((1 << IdLayout.MAX_NODE_BITS) - 1)
                        + "] (and fit the layout's node bits) but was " + nodeId);
            }
            this.nodeId = nodeId;
            return this;
        }

        /** The clock, in Unix milliseconds; default {@link System#currentTimeMillis()}. Tests inject a fake. */
        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The largest backward clock step waited out; default {@link #DEFAULT_MAX_BACKWARDS}, at most
         * {@link #MAX_BACKWARDS_LIMIT}, zero to refuse every backward step at once.
         */
        public Builder maxBackwards(Duration maxBackwards) {
            Objects.requireNonNull(maxBackwards, "maxBackwards");
            if (maxBackwards.isNegative() || maxBackwards.compareTo(MAX_BACKWARDS_LIMIT) > 0) {
                throw new ShardingConfigurationException("maxBackwards must be in [0ms.."
                        + MAX_BACKWARDS_LIMIT.toMillis() + "ms] but was " + maxBackwards.toMillis() + "ms");
            }
            this.maxBackwards = maxBackwards;
            return this;
        }

        /**
         * The generator.
         *
         * @throws ShardingConfigurationException when the node id does not fit the layout's node bits
         */
        public ShardIdGenerator build() {
            if (nodeId > 0 && layout.nodeBits() == 0) {
                throw new ShardingConfigurationException("nodeId " + nodeId + " needs node bits but the layout has"
                        + " none (nodeBits=0): build the layout with IdLayout.custom().nodeBits(n), n in [1.."
                        + IdLayout.MAX_NODE_BITS + "], or use nodeId 0 with a single minting node; " + layout);
            }
            if (nodeId >= layout.maxNodes()) {
                throw new ShardingConfigurationException("nodeId must be in [0.." + (layout.maxNodes() - 1)
                        + "] for a layout with " + layout.nodeBits() + " node bits but was " + nodeId + "; " + layout);
            }
            return new ShardIdGenerator(this);
        }
    }
}
