package io.shardkit.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.shardkit.ShardingException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key -> shard mapping of every static strategy equals the committed golden tables under
 * {@code src/test/resources/golden/}. A failure here means a change would send existing keys to other shards,
 * where their rows are not: fix the change, do not regenerate the tables (see {@link GoldenTables}).
 */
class GoldenMappingTest {

    private static final int SHOWN = 10;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hash-jump", "hash-modulo", "range"})
    void mappingEqualsTheCommittedTable(String table) {
        List<GoldenTables.Row> rows = GoldenTables.read(table);
        List<String> differences = new ArrayList<>();
        for (GoldenTables.Row row : rows) {
            for (int i = 0; i < GoldenTables.SHARD_COUNTS.length; i++) {
                int shards = GoldenTables.SHARD_COUNTS[i];
                int now = GoldenTables.shardOf(table, shards, row.key());
                if (now != row.slots()[i]) {
                    differences.add(ShardingException.describeKey(row.key()) + " (line " + row.line() + ") at "
                            + shards + " shards: pinned " + row.slots()[i] + ", now " + now);
                }
            }
        }
        if (!differences.isEmpty()) {
            fail("golden/" + table + ".csv: " + differences.size() + " of " + rows.size()
                    * GoldenTables.SHARD_COUNTS.length + " key -> shard mappings changed; this change would remap "
                    + "persisted data (rows already written would be looked for on the wrong shard). First "
                    + "differing keys:\n  " + String.join("\n  ", differences.subList(0,
                    Math.min(SHOWN, differences.size()))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hash-jump", "hash-modulo", "range"})
    void tablePinsExactlyTheGeneratorsKeys(String table) {
        List<Object> pinned = GoldenTables.read(table).stream().map(GoldenTables.Row::key).toList();
        assertThat(pinned).as("keys of golden/%s.csv (regenerate only to add keys)", table)
                .containsExactlyElementsOf(GoldenTables.keys(table));
        assertThat(pinned).hasSizeGreaterThanOrEqualTo(200);
    }

    @Test
    void hashTablesMixEveryKeyTypeAndRangeTablesTheirOwn() {
        assertThat(GoldenTables.read("hash-jump")).extracting(r -> r.key().getClass().getSimpleName())
                .contains("Long", "Integer", "String", "UUID");
        assertThat(GoldenTables.read("range")).extracting(r -> r.key().getClass().getSimpleName())
                .contains("Long", "Integer", "String").doesNotContain("UUID");
    }

    @Test
    void everySlotOfEveryShardCountIsUsedSoTheTablesCanCatchARemap() {
        for (String table : GoldenTables.TABLES) {
            List<GoldenTables.Row> rows = GoldenTables.read(table);
            for (int i = 0; i < GoldenTables.SHARD_COUNTS.length; i++) {
                int column = i;
                assertThat(rows.stream().mapToInt(r -> r.slots()[column]).distinct().count())
                        .as("%s: distinct slots at %d shards", table, GoldenTables.SHARD_COUNTS[i])
                        .isGreaterThanOrEqualTo(Math.min(GoldenTables.SHARD_COUNTS[i], 40));
            }
        }
    }
}
