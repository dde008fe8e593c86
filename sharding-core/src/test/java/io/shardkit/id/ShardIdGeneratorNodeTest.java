package io.shardkit.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.strategy.ShardingStrategies;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Generators on several nodes: node ids keep their ids apart; layouts with node bits mint and decode correctly. */
class ShardIdGeneratorNodeTest {

    private static final long T = ShardIdGeneratorTest.T;
    private static final IdLayout MULTI_NODE = IdLayout.custom().shardBits(6).nodeBits(4).sequenceBits(12).build();

    @Test
    void twoNodesMintingForOneShardInOneMillisecondNeverCollide() {
        LongSupplier frozen = () -> T;
        ShardIdGenerator node3 = ShardIdGenerator.custom().layout(MULTI_NODE).nodeId(3).clock(frozen).build();
        ShardIdGenerator node9 = ShardIdGenerator.custom().layout(MULTI_NODE).nodeId(9).clock(frozen).build();
        // The whole sequence space of one millisecond on each node, minted alternately.
        int perNode = MULTI_NODE.maxSequence() + 1;
        long[] a = new long[perNode];
        long[] b = new long[perNode];
        for (int i = 0; i < perNode; i++) {
            a[i] = node3.nextId(42);
            b[i] = node9.nextId(42);
        }
        assertAllInMillisecond(a, T, 42, 3);
        assertAllInMillisecond(b, T, 42, 9);
        assertDisjoint(a, b);
    }

    @Test
    void withoutNodeBitsTwoNodesMintTheSameIds() {
        // The defect node bits fix, shown on the default layout: same clock, same shard, same ids.
        LongSupplier frozen = () -> T;
        ShardIdGenerator first = ShardIdGenerator.custom().clock(frozen).build();
        ShardIdGenerator second = ShardIdGenerator.custom().clock(frozen).build();
        long[] a = new long[100];
        long[] b = new long[100];
        for (int i = 0; i < a.length; i++) {
            a[i] = first.nextId(5);
            b[i] = second.nextId(5);
        }
        assertThat(a).containsExactly(b);
    }

    @Test
    void twoNodesOnATickingClockStayDisjointAndIncreasingOverManyMilliseconds() {
        // One shared clock that moves on every 8,200 reads: both nodes keep landing in the same milliseconds,
        // and each fills its 4096 sequence numbers (8,192 reads between them), then waits a few reads for the
        // next millisecond. Few waiting reads: each yields the thread, which a loaded machine makes slow.
        AtomicLong reads = new AtomicLong();
        LongSupplier ticking = () -> T + reads.getAndIncrement() / 8_200;
        ShardIdGenerator node0 = ShardIdGenerator.custom().layout(MULTI_NODE).nodeId(0).clock(ticking).build();
        ShardIdGenerator node15 = ShardIdGenerator.custom().layout(MULTI_NODE).nodeId(15).clock(ticking).build();
        int perNode = 200_000;
        long[] a = new long[perNode];
        long[] b = new long[perNode];
        for (int i = 0; i < perNode; i++) {
            a[i] = node0.nextId(63);
            b[i] = node15.nextId(63);
        }
        assertIncreasingOnNode(a, 0);
        assertIncreasingOnNode(b, 15);
        assertThat(MULTI_NODE.timestampOf(a[perNode - 1])).as("spans many milliseconds").isGreaterThan(T + 20);
        assertThat(Arrays.stream(b).filter(id -> MULTI_NODE.sequenceOf(id) == MULTI_NODE.maxSequence()).count())
                .as("milliseconds whose sequence overflowed").isGreaterThan(20);
        assertDisjoint(a, b);
    }

    @Test
    void aSmallSequenceFieldOverflowsIntoTheNextMillisecond() {
        // 16 ids per millisecond; the 17th waits for the next one, and node and shard bits stay intact.
        IdLayout small = IdLayout.custom().shardBits(8).nodeBits(10).sequenceBits(4).build();
        ShardIdGeneratorTest.assertSequenceOverflowRolls(small, 1023, 200);
        ShardIdGeneratorTest.assertSequenceOverflowRolls(MULTI_NODE, 5, 63);
    }

    @Test
    void nodeIdMustFitTheLayoutsNodeBits() {
        assertThatThrownBy(() -> ShardIdGenerator.custom().layout(MULTI_NODE).nodeId(16).build())
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageStartingWith("nodeId must be in [0..15] for a layout with 4 node bits but was 16");
        assertThatThrownBy(() -> ShardIdGenerator.custom().nodeId(1).build())
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageStartingWith("nodeId 1 needs node bits but the layout has none (nodeBits=0)");
        assertThatThrownBy(() -> ShardIdGenerator.custom().nodeId(-1))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessage("nodeId must be in [0..1023] (and fit the layout's node bits) but was -1");
        assertThatThrownBy(() -> ShardIdGenerator.custom().nodeId(1024))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("but was 1024");
        // The order of the setters does not matter: the check spans both and runs at build().
        ShardIdGenerator last = ShardIdGenerator.custom().nodeId(15).layout(MULTI_NODE).build();
        assertThat(last.nodeId()).isEqualTo(15);
        assertThat(last.layout()).isEqualTo(MULTI_NODE);
        assertThat(ShardIdGenerator.ofDefaults().nodeId()).isZero();
        assertThat(ShardIdGenerator.ofDefaults().layout()).isSameAs(IdLayout.DEFAULT);
        assertThat(last.toString()).contains("nodeId=15", "node=4 bits");
    }

    @Test
    void aCustomEpochIsTheZeroOfTheTimeField() {
        Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
        IdLayout layout = IdLayout.from(MULTI_NODE).epoch(epoch).build();
        ShardIdGenerator generator = ShardIdGenerator.custom().layout(layout).nodeId(2).clock(() -> T).build();
        long id = generator.nextId(1);
        assertThat(id >>> 22).isEqualTo(T - epoch.toEpochMilli());
        assertThat(layout.instantOf(id)).isEqualTo(Instant.ofEpochMilli(T));
        ShardIdGenerator early = ShardIdGenerator.custom().layout(layout).clock(() -> epoch.toEpochMilli() - 1)
                .build();
        assertThatThrownBy(() -> early.nextId(0)).hasMessageContaining("outside the id layout's time span")
                .hasMessageContaining("[2026-01-01T00:00:00Z .. 2095-09-07T15:47:35.551Z]");
    }

    @Test
    void idsMintedForAnotherRuleDecodeWithTheMintingLayout() {
        ShardingRule customers = new ShardingRule("customers", ShardIdGeneratorTest.shards(64),
                ShardingStrategies.hash(64));
        ShardingRule orders = new ShardingRule("orders", ShardIdGeneratorTest.shards(64),
                ShardingStrategies.id(64, MULTI_NODE));
        ShardIdGenerator generator = ShardIdGenerator.custom().layout(MULTI_NODE).nodeId(7).build();
        for (long customerId = 1; customerId <= 500; customerId++) {
            long orderId = generator.nextIdFor(customers, customerId);
            assertThat(orders.shardOf(orderId).index()).isEqualTo(customers.shardOf(customerId).index());
            assertThat(MULTI_NODE.nodeOf(orderId)).isEqualTo(7);
        }
        ShardingRule tooWide = new ShardingRule("wide", ShardIdGeneratorTest.shards(65), ShardingStrategies.hash(65));
        assertThatThrownBy(() -> generator.nextIdFor(tooWide, 1L))
                .isInstanceOf(ShardingConfigurationException.class)
                .hasMessageStartingWith("Rule 'wide' has 65 shards but ids can name at most 64");
    }

    private static void assertAllInMillisecond(long[] ids, long millis, int shard, int node) {
        for (long id : ids) {
            assertThat(MULTI_NODE.timestampOf(id)).isEqualTo(millis);
            assertThat(MULTI_NODE.shardOf(id)).isEqualTo(shard);
            assertThat(MULTI_NODE.nodeOf(id)).isEqualTo(node);
        }
    }

    private static void assertIncreasingOnNode(long[] ids, int node) {
        for (int i = 0; i < ids.length; i++) {
            if (MULTI_NODE.nodeOf(ids[i]) != node || i > 0 && ids[i] <= ids[i - 1]) {
                throw new AssertionError("id " + ids[i] + " at " + i + " is not above " + (i > 0 ? ids[i - 1] : -1)
                        + " on node " + node);
            }
        }
    }

    private static void assertDisjoint(long[] a, long[] b) {
        long[] all = new long[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                throw new AssertionError("both nodes minted id " + all[i]);
            }
        }
    }
}
