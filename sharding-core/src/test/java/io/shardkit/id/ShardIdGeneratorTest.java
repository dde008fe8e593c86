package io.shardkit.id;

import static io.shardkit.id.IdLayout.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.H2ShardFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class ShardIdGeneratorTest {

    static final long T = Instant.parse("2026-03-01T08:00:00Z").toEpochMilli();

    @Test
    void millionIdsFromFourThreadsAreUniqueAndIncreasingPerThread() throws Exception {
        ShardIdGenerator generator = ShardIdGenerator.ofDefaults();
        int threads = 4;
        int perThread = 250_000;
        // Every thread mints for the same shard, so uniqueness rests on (time, sequence) alone.
        int shard = 3;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] ids = new long[perThread];
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        ids[i] = generator.nextId(shard);
                    }
                    return ids;
                }));
            }
            start.countDown();
            long[] all = new long[threads * perThread];
            for (int t = 0; t < threads; t++) {
                long[] ids = futures.get(t).get(60, TimeUnit.SECONDS);
                for (int i = 1; i < ids.length; i++) {
                    if (ids[i] <= ids[i - 1]) {
                        throw new AssertionError("thread " + t + ": id " + ids[i] + " at " + i
                                + " is not above its predecessor " + ids[i - 1]);
                    }
                }
                assertThat(DEFAULT.shardOf(ids[0])).isEqualTo(shard);
                assertThat(DEFAULT.shardOf(ids[perThread - 1])).isEqualTo(shard);
                System.arraycopy(ids, 0, all, t * perThread, perThread);
            }
            Arrays.sort(all);
            for (int i = 1; i < all.length; i++) {
                if (all[i] == all[i - 1]) {
                    throw new AssertionError("duplicate id " + all[i]);
                }
            }
            assertThat(all[0]).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void idsCarryTheClockTheShardAndASequence() {
        ShardIdGenerator generator = ShardIdGenerator.custom().clock(() -> T).build();
        long first = generator.nextId(5);
        long second = generator.nextId(1023);
        assertThat(DEFAULT.timestampOf(first)).isEqualTo(T);
        assertThat(DEFAULT.shardOf(first)).isEqualTo(5);
        assertThat(DEFAULT.sequenceOf(first)).isZero();
        assertThat(DEFAULT.shardOf(second)).isEqualTo(1023);
        assertThat(DEFAULT.sequenceOf(second)).isEqualTo(1);
        assertThatThrownBy(() -> generator.nextId(1024)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> generator.nextId(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequenceOverflowRollsToTheNextMillisecond() {
        assertSequenceOverflowRolls(DEFAULT, 0, 2);
    }

    /**
     * Mints a whole millisecond's sequence of {@code layout} on node {@code nodeId}, then one id more, which must
     * wait for the next millisecond and restart the sequence.
     */
    static void assertSequenceOverflowRolls(IdLayout layout, int nodeId, int shard) {
        AtomicInteger reads = new AtomicInteger();
        // maxSequence + 1 ids fit in millisecond T; the next call reads T once more, then waits for the clock.
        LongSupplier clock = () -> reads.incrementAndGet() <= layout.maxSequence() + 2 ? T : T + 1;
        ShardIdGenerator generator = ShardIdGenerator.custom().layout(layout).nodeId(nodeId).clock(clock).build();
        long previous = -1;
        for (int i = 0; i <= layout.maxSequence(); i++) {
            long id = generator.nextId(shard);
            assertThat(layout.timestampOf(id)).isEqualTo(T);
            assertThat(layout.sequenceOf(id)).isEqualTo(i);
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
        long rolled = generator.nextId(shard);
        assertThat(layout.timestampOf(rolled)).isEqualTo(T + 1);
        assertThat(layout.sequenceOf(rolled)).isZero();
        assertThat(layout.shardOf(rolled)).isEqualTo(shard);
        assertThat(layout.nodeOf(rolled)).isEqualTo(nodeId);
        assertThat(rolled).isGreaterThan(previous);
        assertThat(reads.get()).as("the overflowing call waited for the clock").isEqualTo(layout.maxSequence() + 4);
    }

    @Test
    void smallBackwardStepIsWaitedOutAndIdsKeepIncreasing() {
        ScriptedClock clock = new ScriptedClock(T, T - 3, T - 2, T - 1, T, T, T + 1);
        ShardIdGenerator generator = ShardIdGenerator.custom().clock(clock).build();
        long first = generator.nextId(0);
        long second = generator.nextId(0);
        assertThat(second).isGreaterThan(first);
        assertThat(DEFAULT.timestampOf(second)).as("minted only once the clock was back").isEqualTo(T);
        assertThat(DEFAULT.sequenceOf(second)).isEqualTo(1);
        assertThat(clock.reads()).as("waited through T-3..T").isEqualTo(6);
        long third = generator.nextId(0);
        assertThat(DEFAULT.timestampOf(third)).isEqualTo(T + 1);
    }

    @Test
    void largeBackwardStepIsATypedErrorCarryingTheOffset() {
        ScriptedClock clock = new ScriptedClock(T, T - 6, T);
        ShardIdGenerator generator = ShardIdGenerator.custom().clock(clock).maxBackwards(Duration.ofMillis(5)).build();
        long first = generator.nextId(0);
        assertThatThrownBy(() -> generator.nextId(0))
                .isInstanceOfSatisfying(ClockMovedBackwardsException.class, e -> {
                    assertThat(e.getOffsetMillis()).isEqualTo(6);
                    assertThat(e.getLastTimestamp()).isEqualTo(T);
                    assertThat(e.getMaxBackwardsMillis()).isEqualTo(5);
                })
                .hasMessageContaining("Clock moved backwards by 6 ms");
        // Once the clock is back, minting resumes above the last id.
        assertThat(generator.nextId(0)).isGreaterThan(first);
    }

    @Test
    void zeroToleranceRefusesAnyBackwardStep() {
        ShardIdGenerator generator = ShardIdGenerator.custom().clock(new ScriptedClock(T, T - 1))
                .maxBackwards(Duration.ZERO).build();
        generator.nextId(0);
        assertThatThrownBy(() -> generator.nextId(0)).isInstanceOf(ClockMovedBackwardsException.class);
    }

    @Test
    void configurationIsValidated() {
        assertThat(ShardIdGenerator.ofDefaults().maxBackwardsMillis()).isEqualTo(5);
        assertThatThrownBy(() -> ShardIdGenerator.custom().maxBackwards(Duration.ofMillis(-1)))
                .isInstanceOf(ShardingConfigurationException.class);
        assertThatThrownBy(() -> ShardIdGenerator.custom().maxBackwards(Duration.ofSeconds(2)))
                .isInstanceOf(ShardingConfigurationException.class);
    }

    @Test
    void clockBeforeTheEpochIsRefused() {
        ShardIdGenerator generator = ShardIdGenerator.custom().clock(() -> 0L).build();
        assertThatThrownBy(() -> generator.nextId(0)).hasMessageContaining("outside the id layout's time span");
    }

    @Test
    void nextIdForLandsOnTheShardTheOtherRuleGivesTheKey() {
        List<Shard> shards = shards(4);
        ShardingRule customers = new ShardingRule("customers", shards, ShardingStrategies.hash(4));
        ShardingRule orders = new ShardingRule("orders", shards, ShardingStrategies.id(4));
        ShardIdGenerator generator = ShardIdGenerator.ofDefaults();
        boolean[] seen = new boolean[4];
        for (long customerId = 1; customerId <= 200; customerId++) {
            long orderId = generator.nextIdFor(customers, customerId);
            Shard expected = customers.shardOf(customerId);
            assertThat(orders.shardOf(orderId)).as("order of customer %d", customerId).isEqualTo(expected);
            seen[expected.index()] = true;
        }
        assertThat(seen).containsOnly(true);
    }

    static List<Shard> shards(int n) {
        // Never connected to: id routing needs no database.
        return H2ShardFixtures.shards("shard-", n);
    }

    /** Returns the given readings in order, then repeats the last one; counts reads. */
    static final class ScriptedClock implements LongSupplier {
        private final long[] readings;
        private final AtomicInteger reads = new AtomicInteger();

        ScriptedClock(long... readings) {
            this.readings = readings;
        }

        @Override
        public long getAsLong() {
            int i = reads.getAndIncrement();
            return readings[Math.min(i, readings.length - 1)];
        }

        int reads() {
            return reads.get();
        }
    }
}
