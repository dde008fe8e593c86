package io.shardkit.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.shardkit.ShardingException;
import io.shardkit.bucket.BucketMap;
import io.shardkit.bucket.BucketedStrategy;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The bucketed rule's persisted contracts equal {@code golden/bucketed.csv}: key to bucket for 1024 (the default),
 * 4096, 1000 and 65,536 buckets, and the seed map's slot for 1024 buckets over 6 shards. A failure means a change
 * would remap persisted data: fix the change; regenerate (run {@link #main}) only to add keys.
 */
class BucketedGoldenTest {

    static final String HEADER = "type,key,b1024,b4096,b1000,b65536,seed1024over6";
    private static final int[] BUCKETS = {1024, 4096, 1000, 65_536};
    private static final List<String> SIX = IntStream.range(0, 6).mapToObj(i -> "shard-" + i).toList();

    /** Writes {@code golden/bucketed.csv} into the directory {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]).resolve("bucketed.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# shardkit golden table 'bucketed': key -> bucket per bucket count, and seed slot.\n");
            out.write("# A persisted contract: never edit by hand. See BucketedGoldenTest to regenerate.\n");
            out.write(HEADER + "\n");
            for (Object key : GoldenTables.keys("hash-jump")) {
                StringBuilder row = new StringBuilder(GoldenTables.encode(key));
                for (int value : now(key)) {
                    row.append(',').append(value);
                }
                out.write(row + "\n");
            }
        }
    }

    private static int[] now(Object key) {
        int[] values = new int[BUCKETS.length + 1];
        for (int i = 0; i < BUCKETS.length; i++) {
            values[i] = strategy(BUCKETS[i], SIX).bucketOf("golden", key);
        }
        values[BUCKETS.length] = strategy(1024, SIX).shardOf("golden", key);
        return values;
    }

    private static BucketedStrategy strategy(int buckets, List<String> shards) {
        return ShardingStrategies.bucketed("golden", BucketMap.seed(shards, buckets, shards.size()));
    }

    @Test
    void bucketsAndSeedEqualTheCommittedTable() {
        List<GoldenTables.Row> rows = GoldenTables.read("bucketed", HEADER, BUCKETS.length + 1);
        assertThat(rows).extracting(GoldenTables.Row::key).containsExactlyElementsOf(GoldenTables.keys("hash-jump"));
        List<String> differences = new ArrayList<>();
        for (GoldenTables.Row row : rows) {
            int[] now = now(row.key());
            for (int i = 0; i < now.length; i++) {
                if (now[i] != row.slots()[i]) {
                    differences.add(ShardingException.describeKey(row.key()) + " (line " + row.line() + ") column "
                            + HEADER.split(",")[i + 2] + ": pinned " + row.slots()[i] + ", now " + now[i]);
                }
            }
        }
        if (!differences.isEmpty()) {
            fail("golden/bucketed.csv: " + differences.size() + " mappings changed; this change would remap "
                    + "persisted data. First:\n  " + String.join("\n  ", differences.subList(0,
                    Math.min(10, differences.size()))));
        }
    }

    @Test
    void seedOverShardCountsThatDivideTheBucketsPlacesKeysAsModuloHashDoes() {
        List<String> four = List.of("a", "b", "c", "d");
        BucketedStrategy bucketed = strategy(1024, four);
        for (Object key : GoldenTables.keys("hash-jump")) {
            assertThat(bucketed.shardOf("golden", key)).as("key %s", key)
                    .isEqualTo(ShardingStrategies.hash(4, HashAlgorithm.MODULO).shardOf("golden", key));
        }
    }

    @Test
    void seedSpreadsBucketsEvenly() {
        BucketMap map = BucketMap.seed(SIX, 1024, 4);
        assertThat(map.counts()).containsExactly(256, 256, 256, 256, 0, 0);
        assertThat(map.epoch()).isZero();
    }
}
