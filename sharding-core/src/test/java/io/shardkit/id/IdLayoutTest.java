package io.shardkit.id;

import static io.shardkit.id.IdLayout.DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The id bit layout is a persisted contract: pinned by a golden table, and every part round-trips. */
class IdLayoutTest {

    private static final String REMAP = "would remap persisted data: stored ids would decode differently";

    @Test
    void goldenIdsArePinned() throws IOException {
        List<String[]> rows = golden("/golden/id-layout.csv");
        assertThat(rows).hasSizeGreaterThanOrEqualTo(8);
        for (String[] row : rows) {
            Instant time = Instant.parse(row[0]);
            int shard = Integer.parseInt(row[1]);
            int sequence = Integer.parseInt(row[2]);
            long id = Long.parseLong(row[3]);
            long millis = time.toEpochMilli() - DEFAULT.epochMillis();
            assertThat(DEFAULT.compose(millis, shard, sequence)).as("compose %s %s", String.join(",", row), REMAP)
                    .isEqualTo(id);
            assertThat(DEFAULT.instantOf(id)).as("time of %d: %s", id, REMAP).isEqualTo(time);
            assertThat(DEFAULT.shardOf(id)).as("shard of %d: %s", id, REMAP).isEqualTo(shard);
            assertThat(DEFAULT.sequenceOf(id)).as("sequence of %d: %s", id, REMAP).isEqualTo(sequence);
        }
    }

    @Test
    void defaultLayoutIsTheOriginalOne() {
        assertThat(DEFAULT.epoch()).as(REMAP).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(DEFAULT.epochMillis()).as(REMAP).isEqualTo(1_735_689_600_000L);
        assertThat(new int[] {DEFAULT.timeBits(), DEFAULT.shardBits(), DEFAULT.nodeBits(), DEFAULT.sequenceBits()})
                .as(REMAP).containsExactly(41, 10, 0, 12);
        assertThat(DEFAULT.maxShards()).isEqualTo(1024);
        assertThat(DEFAULT.maxNodes()).isEqualTo(1);
        assertThat(DEFAULT.maxSequence()).isEqualTo(4095);
        assertThat(DEFAULT.compose(DEFAULT.maxTimestamp(), DEFAULT.maxShards() - 1, DEFAULT.maxSequence()))
                .isEqualTo(Long.MAX_VALUE);
        assertThat(DEFAULT.end()).isEqualTo(Instant.parse("2094-09-07T15:47:35.551Z"));
        assertThat(DEFAULT).isEqualTo(IdLayout.custom().build()).hasSameHashCodeAs(IdLayout.custom().build());
        assertThat(DEFAULT).hasToString("IdLayout[time=41 bits since 2025-01-01T00:00:00Z"
                + " (until 2094-09-07T15:47:35.551Z, 69.7 years), shard=10 bits, node=0 bits, sequence=12 bits]");
    }

    @Test
    void everyShardIndexRoundTrips() {
        long millis = Instant.parse("2031-07-04T10:00:00.123Z").toEpochMilli() - DEFAULT.epochMillis();
        for (int shard = 0; shard < DEFAULT.maxShards(); shard++) {
            for (int sequence : new int[] {0, 1, 2048, DEFAULT.maxSequence()}) {
                long id = DEFAULT.compose(millis, shard, sequence);
                assertThat(DEFAULT.shardOf(id)).isEqualTo(shard);
                assertThat(DEFAULT.shardOf("orders", id, DEFAULT.maxShards())).isEqualTo(shard);
                assertThat(DEFAULT.sequenceOf(id)).isEqualTo(sequence);
                assertThat(DEFAULT.timestampOf(id)).isEqualTo(millis + DEFAULT.epochMillis());
            }
        }
    }

    @Test
    void negativeIdIsATypedErrorNamingTheId() {
        assertThatThrownBy(() -> DEFAULT.shardOf(-42L))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("[-42]")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> DEFAULT.timestampOf(Long.MIN_VALUE)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> DEFAULT.sequenceOf(-1L)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> DEFAULT.shardOf("orders", -7L, 4))
                .isInstanceOfSatisfying(InvalidIdException.class, e -> {
                    assertThat(e.getId()).isEqualTo(-7L);
                    assertThat(e.getRule()).isEqualTo("orders");
                    assertThat(e.getKey()).isEqualTo(-7L);
                });
    }

    @Test
    void shardBitsBeyondTheRuleAreATypedErrorNamingRuleIdAndCount() {
        long id = DEFAULT.compose(1000, 9, 3);
        assertThatThrownBy(() -> DEFAULT.shardOf("orders", id, 4))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("Rule 'orders': id [" + id + "] names shard index 9 but the rule has 4 shards"
                        + " (indexes 0..3); was it minted for another rule?");
        assertThat(DEFAULT.shardOf("orders", id, 10)).isEqualTo(9);
    }

    @Test
    void composeRefusesPartsThatDoNotFit() {
        assertThatThrownBy(() -> DEFAULT.compose(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULT.compose(DEFAULT.maxTimestamp() + 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DEFAULT.compose(0, DEFAULT.maxShards(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> DEFAULT.compose(0, 0, DEFAULT.maxSequence() + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
    }

    /** The rows of a golden table: comma-separated, '#' comments and the header line skipped. */
    static List<String[]> golden(String resource) throws IOException {
        try (InputStream in = Objects.requireNonNull(IdLayoutTest.class.getResourceAsStream(resource), resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("time,")) {
                    rows.add(line.split(","));
                }
            }
            return rows;
        }
    }
}
