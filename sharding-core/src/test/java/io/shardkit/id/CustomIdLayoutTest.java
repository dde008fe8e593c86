package io.shardkit.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A layout with node bits: pinned by its own golden table; every shard and node round-trips; ids sort by parts. */
class CustomIdLayoutTest {

    private static final String REMAP = "would remap persisted data: stored ids would decode differently";

    /** The layout of golden/id-layout-custom.csv. */
    private static final IdLayout GOLDEN = IdLayout.custom().epoch(Instant.parse("2024-01-01T00:00:00Z"))
            .shardBits(8).nodeBits(4).sequenceBits(10).build();

    @Test
    void goldenIdsOfACustomLayoutArePinned() throws IOException {
        List<String[]> rows = IdLayoutTest.golden("/golden/id-layout-custom.csv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(8);
        for (String[] row : rows) {
            Instant time = Instant.parse(row[0]);
            int shard = Integer.parseInt(row[1]);
            int node = Integer.parseInt(row[2]);
            int sequence = Integer.parseInt(row[3]);
            long id = Long.parseLong(row[4]);
            long millis = time.toEpochMilli() - GOLDEN.epochMillis();
            assertThat(GOLDEN.compose(millis, shard, node, sequence)).as("compose %s %s", String.join(",", row), REMAP)
                    .isEqualTo(id);
            assertThat(GOLDEN.instantOf(id)).as("time of %d: %s", id, REMAP).isEqualTo(time);
            assertThat(GOLDEN.shardOf(id)).as("shard of %d: %s", id, REMAP).isEqualTo(shard);
            assertThat(GOLDEN.nodeOf(id)).as("node of %d: %s", id, REMAP).isEqualTo(node);
            assertThat(GOLDEN.sequenceOf(id)).as("sequence of %d: %s", id, REMAP).isEqualTo(sequence);
        }
        assertThat(GOLDEN.end()).isEqualTo(Instant.parse("2093-09-06T15:47:35.551Z"));
    }

    @Test
    void everyShardAndNodeRoundTripsInSeveralLayouts() {
        List<IdLayout> layouts = List.of(
                IdLayout.DEFAULT,
                GOLDEN,
                IdLayout.custom().shardBits(6).nodeBits(4).sequenceBits(12).build(),
                IdLayout.custom().shardBits(10).nodeBits(10).sequenceBits(4).build(),
                IdLayout.custom().shardBits(1).nodeBits(1).sequenceBits(4).epoch(Instant.EPOCH).build());
        for (IdLayout layout : layouts) {
            long millis = layout.maxTimestamp() / 3;
            int checked = 0;
            for (int shard = 0; shard < layout.maxShards(); shard++) {
                for (int node = 0; node < layout.maxNodes(); node++) {
                    for (int sequence : new int[] {0, 1, layout.maxSequence()}) {
                        long id = layout.compose(millis, shard, node, sequence);
                        // Plain comparisons: a million AssertJ chains would dominate the module's test time.
                        if (layout.shardOf(id) != shard || layout.nodeOf(id) != node
                                || layout.sequenceOf(id) != sequence
                                || layout.timestampOf(id) != millis + layout.epochMillis()
                                || layout.shardOf("orders", id, layout.maxShards()) != shard) {
                            throw new AssertionError(layout + ": id " + id + " of (" + millis + ", " + shard + ", "
                                    + node + ", " + sequence + ") does not round-trip");
                        }
                        checked++;
                    }
                }
            }
            assertThat(checked).isEqualTo(layout.maxShards() * layout.maxNodes() * 3);
            assertThat(layout.compose(layout.maxTimestamp(), layout.maxShards() - 1, layout.maxNodes() - 1,
                    layout.maxSequence())).as("all fields full: %s", layout).isEqualTo(Long.MAX_VALUE);
        }
    }

    @Test
    void idsSortLikeTheirPartsTimeShardNodeSequence() {
        IdLayout layout = IdLayout.custom().shardBits(6).nodeBits(4).sequenceBits(12).build();
        Random random = new Random(20250101L);
        for (int i = 0; i < 100_000; i++) {
            long[] a = randomParts(layout, random);
            long[] b = randomParts(layout, random);
            if (random.nextBoolean()) {
                // Share a prefix of parts, so that lower fields decide the order too.
                System.arraycopy(a, 0, b, 0, 1 + random.nextInt(3));
            }
            long idA = layout.compose(a[0], (int) a[1], (int) a[2], (int) a[3]);
            long idB = layout.compose(b[0], (int) b[1], (int) b[2], (int) b[3]);
            int byParts = Arrays.compare(a, b);
            if (Integer.signum(Long.compare(idA, idB)) != Integer.signum(byParts)) {
                throw new AssertionError("ids " + idA + " and " + idB + " do not sort like their parts");
            }
        }
    }

    @Test
    void partsThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> GOLDEN.compose(0, 256, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shard index must be in [0..255] but was 256");
        assertThatThrownBy(() -> GOLDEN.compose(0, 0, 16, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node id must be in [0..15] but was 16");
        assertThatThrownBy(() -> GOLDEN.compose(0, 0, 0, 1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence must be in [0..1023] but was 1024");
        assertThatThrownBy(() -> IdLayout.DEFAULT.compose(0, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node id must be in [0..0] but was 1");
        assertThatThrownBy(() -> GOLDEN.nodeOf(-5L)).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("sign bit 0 | 41 bits time | 8 bits shard | 4 bits node | 10 bits sequence");
    }

    private static long[] randomParts(IdLayout layout, Random random) {
        return new long[] {
            random.nextLong(layout.maxTimestamp() + 1),
            random.nextInt(layout.maxShards()),
            random.nextInt(layout.maxNodes()),
            random.nextInt(layout.maxSequence() + 1)
        };
    }
}
