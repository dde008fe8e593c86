package io.shardkit.id;

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
        List<String[]> rows = golden();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(8);
        for (String[] row : rows) {
            Instant time = Instant.parse(row[0]);
            int shard = Integer.parseInt(row[1]);
            int sequence = Integer.parseInt(row[2]);
            long id = Long.parseLong(row[3]);
            long millis = time.toEpochMilli() - IdLayout.EPOCH_MILLIS;
            assertThat(IdLayout.compose(millis, shard, sequence)).as("compose %s %s", String.join(",", row), REMAP)
                    .isEqualTo(id);
            assertThat(IdLayout.instantOf(id)).as("time of %d: %s", id, REMAP).isEqualTo(time);
            assertThat(IdLayout.shardOf(id)).as("shard of %d: %s", id, REMAP).isEqualTo(shard);
            assertThat(IdLayout.sequenceOf(id)).as("sequence of %d: %s", id, REMAP).isEqualTo(sequence);
        }
    }

    @Test
    void epochConstantsAgree() {
        assertThat(IdLayout.EPOCH.toEpochMilli()).isEqualTo(IdLayout.EPOCH_MILLIS);
        assertThat(IdLayout.TIMESTAMP_BITS + IdLayout.SHARD_BITS + IdLayout.SEQUENCE_BITS).isEqualTo(63);
        assertThat(IdLayout.compose(IdLayout.MAX_TIMESTAMP, IdLayout.MAX_SHARDS - 1, IdLayout.MAX_SEQUENCE))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void everyShardIndexRoundTrips() {
        long millis = Instant.parse("2031-07-04T10:00:00.123Z").toEpochMilli() - IdLayout.EPOCH_MILLIS;
        for (int shard = 0; shard < IdLayout.MAX_SHARDS; shard++) {
            for (int sequence : new int[] {0, 1, 2048, IdLayout.MAX_SEQUENCE}) {
                long id = IdLayout.compose(millis, shard, sequence);
                assertThat(IdLayout.shardOf(id)).isEqualTo(shard);
                assertThat(IdLayout.shardOf("orders", id, IdLayout.MAX_SHARDS)).isEqualTo(shard);
                assertThat(IdLayout.sequenceOf(id)).isEqualTo(sequence);
                assertThat(IdLayout.timestampOf(id)).isEqualTo(millis + IdLayout.EPOCH_MILLIS);
            }
        }
    }

    @Test
    void negativeIdIsATypedErrorNamingTheId() {
        assertThatThrownBy(() -> IdLayout.shardOf(-42L))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("[-42]")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> IdLayout.timestampOf(Long.MIN_VALUE)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> IdLayout.sequenceOf(-1L)).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> IdLayout.shardOf("orders", -7L, 4))
                .isInstanceOfSatisfying(InvalidIdException.class, e -> {
                    assertThat(e.getId()).isEqualTo(-7L);
                    assertThat(e.getRule()).isEqualTo("orders");
                    assertThat(e.getKey()).isEqualTo(-7L);
                });
    }

    @Test
    void shardBitsBeyondTheRuleAreATypedErrorNamingRuleIdAndCount() {
        long id = IdLayout.compose(1000, 9, 3);
        assertThatThrownBy(() -> IdLayout.shardOf("orders", id, 4))
                .isInstanceOf(InvalidIdException.class)
                .hasMessage("Rule 'orders': id [" + id + "] names shard index 9 but the rule has 4 shards"
                        + " (indexes 0..3); was it minted for another rule?");
        assertThat(IdLayout.shardOf("orders", id, 10)).isEqualTo(9);
    }

    @Test
    void composeRefusesPartsThatDoNotFit() {
        assertThatThrownBy(() -> IdLayout.compose(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdLayout.compose(IdLayout.MAX_TIMESTAMP + 1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IdLayout.compose(0, IdLayout.MAX_SHARDS, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> IdLayout.compose(0, 0, IdLayout.MAX_SEQUENCE + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
    }

    private static List<String[]> golden() throws IOException {
        try (InputStream in = Objects.requireNonNull(IdLayoutTest.class.getResourceAsStream("/golden/id-layout.csv"));
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
