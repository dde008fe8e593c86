package io.shardkit.id;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Mints 64-bit ids that carry their shard (layout in {@link IdLayout}), so that an order id alone tells which
 * shard holds the order. Build one per application with {@link #ofDefaults()} or {@link #custom()} and share it.
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
 *       are ordered by their millisecond (the shard bits sit above the sequence bits);</li>
 *   <li><b>sequence overflow</b>: after {@value IdLayout#MAX_SEQUENCE}+1 ids in one millisecond the next
 *       call waits for the next millisecond;</li>
 *   <li><b>clock stepping back</b> by at most {@link #maxBackwardsMillis()} (default
 *       {@link #DEFAULT_MAX_BACKWARDS}): the call waits until the clock is back at the last id's time; a larger
 *       step throws {@link ClockMovedBackwardsException} carrying the offset, rather than risking a duplicate.
 *       A clock that does not advance at all for {@link #STALLED_CLOCK_LIMIT} fails with a
 *       {@link ShardingException} rather than spinning forever.</li>
 * </ul>
 * Two generators (two JVMs) minting for the same shard in the same millisecond can collide: give each node
 * its own shard range, or let the database's primary key catch the rare duplicate.
 *
 * <p>{@link #nextIdFor(ShardingRule, Object)} mints an id on the shard another rule gives a key, e.g. an order
 * id on its customer's shard. The id's shard bits are the <em>slot</em> of that rule (the shard's position in
 * its shard list), so the id rule that later decodes the id ({@link io.shardkit.strategy.ShardingStrategies#id})
 * must list the same shards in the same order.
 */
public final class ShardIdGenerator {

    /** Default bound for a backward clock step that is waited out rather than refused: 5 ms. */
    public static final Duration DEFAULT_MAX_BACKWARDS = Duration.ofMillis(5);
    /** Largest bound {@link Builder#maxBackwards} accepts: waiting longer in a caller's thread is worse. */
    public static final Duration MAX_BACKWARDS_LIMIT = Duration.ofSeconds(1);
    /** How long a waiting call spins on a clock that does not move before giving up. */
    public static final Duration STALLED_CLOCK_LIMIT = Duration.ofSeconds(2);

    private static final int SEQ_BITS = IdLayout.SEQUENCE_BITS;
    private static final long SEQ_MASK = IdLayout.MAX_SEQUENCE;
    /** "No id yet": time -1, sequence 0, so that any clock reading at or after the epoch is ahead of it. */
    private static final long INITIAL_STATE = -1L << SEQ_BITS;

    private final LongSupplier clock;
    private final long maxBackwardsMillis;
    /** (millis since epoch of the last id) << SEQ_BITS | its sequence. */
    private final AtomicLong state = new AtomicLong(INITIAL_STATE);

    private ShardIdGenerator(Builder builder) {
        this.clock = builder.clock;
        this.maxBackwardsMillis = builder.maxBackwards.toMillis();
    }

    /** A generator on the system clock with the default backward bound. */
    public static ShardIdGenerator ofDefaults() {
        return custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    /** Backward clock steps up to this many milliseconds are waited out; larger ones throw. */
    public long maxBackwardsMillis() {
        return maxBackwardsMillis;
    }

    /**
     * A new id for shard index {@code shardIndex}.
     *
     * @param shardIndex 0 to {@code IdLayout.MAX_SHARDS - 1}
     * @throws IllegalArgumentException     when the index does not fit the shard bits
     * @throws ClockMovedBackwardsException when the clock stepped back past the bound
     */
    public long nextId(int shardIndex) {
        IdLayout.checkShardIndex(shardIndex);
        long tick = nextTick();
        long millis = tick >> SEQ_BITS;
        return (millis << IdLayout.TIMESTAMP_SHIFT) | ((long) shardIndex << IdLayout.SHARD_SHIFT) | (tick & SEQ_MASK);
    }

    /**
     * A new id whose shard bits are the slot {@code rule} gives {@code key}: the id lands where the key does.
     * The rule's own errors (an invalid key, a key out of range) propagate unchanged.
     *
     * @throws ShardingConfigurationException when the rule has more shards than the id layout can name
     */
    public long nextIdFor(ShardingRule rule, @Nullable Object key) {
        Objects.requireNonNull(rule, "rule");
        int shards = rule.shards().size();
        if (shards > IdLayout.MAX_SHARDS) {
            throw new ShardingConfigurationException("Rule '" + rule.name() + "' has " + shards
                    + " shards but ids can name at most " + IdLayout.MAX_SHARDS);
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
            long lastMillis = last >> SEQ_BITS;
            long next;
            if (now > lastMillis) {
                next = now << SEQ_BITS;
            } else if (now == lastMillis && (last & SEQ_MASK) < SEQ_MASK) {
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
                throw new ClockMovedBackwardsException(behind, lastMillis + IdLayout.EPOCH_MILLIS, maxBackwardsMillis);
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
        long millis = clock.getAsLong() - IdLayout.EPOCH_MILLIS;
        if (millis < 0 || millis > IdLayout.MAX_TIMESTAMP) {
            throw outOfEpoch(millis + IdLayout.EPOCH_MILLIS);
        }
        return millis;
    }

    private static ShardingException outOfEpoch(long unixMillis) {
        return new ShardingException("Clock reads Unix ms " + unixMillis + ", outside the id layout's time span ["
                + IdLayout.EPOCH + " .. " + IdLayout.instantOf(IdLayout.MAX_TIMESTAMP << IdLayout.TIMESTAMP_SHIFT)
                + "]; is the clock set?");
    }

    private static ShardingException stalled(long target) {
        return new ShardingException("Clock did not reach Unix ms " + (target + IdLayout.EPOCH_MILLIS) + " within "
                + STALLED_CLOCK_LIMIT.toMillis() + " ms; is it frozen?");
    }

    @Override
    public String toString() {
        return "ShardIdGenerator[maxBackwardsMillis=" + maxBackwardsMillis + "]";
    }

    /** Builder for {@link ShardIdGenerator}; not thread-safe. */
    public static final class Builder {
        private LongSupplier clock = System::currentTimeMillis;
        private Duration maxBackwards = DEFAULT_MAX_BACKWARDS;

        private Builder() {
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

        public ShardIdGenerator build() {
            return new ShardIdGenerator(this);
        }
    }
}
