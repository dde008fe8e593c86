package io.shardkit.strategy;

import io.shardkit.KeyRange;
import io.shardkit.NamedShardingStrategy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The golden tables that pin key -> shard for every built-in static strategy: which keys, which shard counts,
 * which range layouts, and the CSV form under {@code src/test/resources/golden/}.
 *
 * <p><b>Regenerating</b> is a deliberate act: it accepts a new mapping, and with it the remapping of every row
 * already written by the old one. Only do it for a new table or new keys, never to make a failing
 * {@link GoldenMappingTest} pass. From the repository root:
 *
 * <pre>
 * mvn -B -q -pl sharding-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.shardkit.strategy.GoldenTables -Dexec.args=sharding-core/src/test/resources/golden
 * </pre>
 *
 * then review {@code git diff}: existing rows must not change.
 */
public final class GoldenTables {

    /** The shard counts every table pins. */
    static final int[] SHARD_COUNTS = {1, 2, 4, 16, 64};
    /** Table names; the file of each is {@code golden/<name>.csv}. */
    static final List<String> TABLES = List.of("hash-jump", "hash-modulo", "range");

    private static final String RULE = "golden";

    private GoldenTables() {
    }

    /** Writes every table into the directory named by {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: GoldenTables <output directory>");
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        for (String table : TABLES) {
            Path file = dir.resolve(table + ".csv");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write("# shardkit golden table '" + table + "': key -> shard slot per shard count.\n");
                out.write("# A persisted contract: never edit by hand. See GoldenTables to regenerate.\n");
                out.write(header() + "\n");
                for (Object key : keys(table)) {
                    StringBuilder row = new StringBuilder(encode(key));
                    for (int shards : SHARD_COUNTS) {
                        row.append(',').append(shardOf(table, shards, key));
                    }
                    out.write(row + "\n");
                }
            }
            System.out.println("wrote " + file.toAbsolutePath());
        }
    }

    static String header() {
        StringBuilder h = new StringBuilder("type,key");
        for (int shards : SHARD_COUNTS) {
            h.append(',').append(shards);
        }
        return h.toString();
    }

    /** The slot of {@code key} under {@code table}'s strategy with {@code shards} shards. */
    static int shardOf(String table, int shards, Object key) {
        return switch (table) {
            case "hash-jump" -> ShardingStrategies.hash(shards, HashAlgorithm.JUMP).shardOf(RULE, key);
            case "hash-modulo" -> ShardingStrategies.hash(shards, HashAlgorithm.MODULO).shardOf(RULE, key);
            case "range" -> (key instanceof String ? stringLayout(shards) : longLayout(shards)).shardOf(RULE, key);
            default -> throw new IllegalArgumentException("no golden table " + table);
        };
    }

    /**
     * Long range layout: shard {@code i} of {@code n} (a power of two) owns the {@code i}-th of {@code n} equal
     * slices of the whole long domain, the first and last with open ends.
     */
    static NamedShardingStrategy longLayout(int n) {
        RangeStrategyBuilder<Long> b = ShardingStrategies.range(Long.class);
        if (n == 1) {
            return b.range(KeyRange.all(), "shard-0").build();
        }
        long step = Long.divideUnsigned(-1L, n) + 1; // 2^64 / n for a power of two n
        b.range(KeyRange.lessThan(Long.MIN_VALUE + step), "shard-0");
        for (int i = 1; i < n - 1; i++) {
            b.range(KeyRange.closedOpen(Long.MIN_VALUE + i * step, Long.MIN_VALUE + (i + 1) * step), "shard-" + i);
        }
        return b.range(KeyRange.atLeast(Long.MIN_VALUE + (n - 1) * step), "shard-" + (n - 1)).build();
    }

    /** String range layout: cut points are single characters from {@code '0'} upwards, 64 / n apart. */
    static NamedShardingStrategy stringLayout(int n) {
        RangeStrategyBuilder<String> b = ShardingStrategies.range(String.class);
        if (n == 1) {
            return b.range(KeyRange.all(), "shard-0").build();
        }
        b.range(KeyRange.lessThan(cut(1, n)), "shard-0");
        for (int i = 1; i < n - 1; i++) {
            b.range(KeyRange.closedOpen(cut(i, n), cut(i + 1, n)), "shard-" + i);
        }
        return b.range(KeyRange.atLeast(cut(n - 1, n)), "shard-" + (n - 1)).build();
    }

    private static String cut(int i, int n) {
        return String.valueOf((char) ('0' + i * (64 / n)));
    }

    /** The keys a table pins, in file order: ranges take longs, ints and strings; hashes also UUIDs. */
    static List<Object> keys(String table) {
        List<Object> keys = new ArrayList<>(allKeys());
        if (table.equals("range")) {
            keys.removeIf(k -> k instanceof UUID);
        }
        return keys;
    }

    private static List<Object> allKeys() {
        List<Object> keys = new ArrayList<>();
        for (long l : new long[] {0, 1, -1, 2, 42, 100, 127, 128, -128, -129, 255, 256, 1000, 9000, 9999, 30000,
                65535, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L,
                1L << 32, 1L << 53, -(1L << 53), 1_000_000_000L, 1_000_000_000_000L, 1_000_000_000_000_000L,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1}) {
            keys.add(l);
        }
        for (long id = 1_000_000; id < 1_000_030; id++) {
            keys.add(id);
        }
        // Every cut of the 64-shard long layout and its predecessor: pins the inclusive/exclusive ends.
        long step = Long.divideUnsigned(-1L, 64) + 1;
        for (int i = 1; i < 64; i++) {
            keys.add(Long.MIN_VALUE + i * step);
            keys.add(Long.MIN_VALUE + i * step - 1);
        }
        SplittableRandom random = new SplittableRandom(20240611L);
        for (int i = 0; i < 40; i++) {
            keys.add(random.nextLong());
        }
        for (int i : new int[] {0, 1, -1, 7, 42, 1000, -1000, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            keys.add(i);
        }
        for (int i = 0; i < 20; i++) {
            keys.add(random.nextInt());
        }
        keys.addAll(Arrays.asList("", " ", "0", "42", "-1", "a", "A", "z", "Z", "~", "null", "zz", "Zebra",
                "merchant-1", "\u00fc", "\u00e9", "na\u00efve caf\u00e9", "\u65e5\u672c\u8a9e", "\uD83D\uDE00",
                "\u00dcn\u00efc\u00f6d\u00e9", "with,comma", "with \"quote\"", "tab\there", "x".repeat(100),
                "\u007f", "\uffff"));
        for (int i = 1; i <= 20; i++) {
            keys.add("customer-" + i);
        }
        keys.add(new UUID(0, 0));
        keys.add(new UUID(-1L, -1L));
        keys.add(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        for (int i = 0; i < 22; i++) {
            keys.add(new UUID(random.nextLong(), random.nextLong()));
        }
        return keys;
    }

    /** {@code type,key} for a CSV row; strings are always quoted, quotes doubled (RFC 4180). */
    static String encode(Object key) {
        if (key instanceof Long l) {
            return "long," + l;
        }
        if (key instanceof Integer i) {
            return "int," + i;
        }
        if (key instanceof UUID u) {
            return "uuid," + u;
        }
        if (key instanceof String s) {
            if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("golden string keys must be single-line");
            }
            return "string,\"" + s.replace("\"", "\"\"") + "\"";
        }
        throw new IllegalArgumentException("no golden encoding for " + key.getClass());
    }

    /**
     * One parsed data row.
     *
     * @param line  1-based line number in the file
     * @param key   the key
     * @param slots the pinned slot per entry of {@link #SHARD_COUNTS}
     */
    record Row(int line, Object key, int[] slots) {
    }

    /** Parses a table; the header must list exactly {@link #SHARD_COUNTS}. */
    static List<Row> read(String table) {
        return read(table, header(), SHARD_COUNTS.length);
    }

    /** Parses a table whose header must be {@code header}, with {@code columns} numbers after each key. */
    static List<Row> read(String table, String header, int columns) {
        String resource = "/golden/" + table + ".csv";
        try (InputStream in = Objects.requireNonNull(GoldenTables.class.getResourceAsStream(resource), resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<Row> rows = new ArrayList<>();
            boolean headerSeen = false;
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!headerSeen) {
                    if (!line.equals(header)) {
                        throw new IllegalStateException(resource + ": header must be " + header + " but was "
                                + line);
                    }
                    headerSeen = true;
                    continue;
                }
                rows.add(parse(resource, lineNo, line, columns));
            }
            return rows;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Row parse(String resource, int lineNo, String line, int columns) {
        int comma = line.indexOf(',');
        String type = line.substring(0, comma);
        int at = comma + 1;
        String text;
        if (line.charAt(at) == '"') {
            StringBuilder s = new StringBuilder();
            int i = at + 1;
            while (true) {
                char c = line.charAt(i++);
                if (c == '"' && i < line.length() && line.charAt(i) == '"') {
                    s.append('"');
                    i++;
                } else if (c == '"') {
                    break;
                } else {
                    s.append(c);
                }
            }
            text = s.toString();
            at = i;
        } else {
            int end = line.indexOf(',', at);
            text = line.substring(at, end);
            at = end;
        }
        String[] slotText = line.substring(at + 1).split(",", -1);
        if (slotText.length != columns) {
            throw new IllegalStateException(resource + ":" + lineNo + ": expected " + columns
                    + " slots but found " + slotText.length);
        }
        int[] slots = Arrays.stream(slotText).mapToInt(Integer::parseInt).toArray();
        return new Row(lineNo, decode(type, text), slots);
    }

    private static Object decode(String type, String text) {
        return switch (type) {
            case "long" -> Long.parseLong(text);
            case "int" -> Integer.parseInt(text);
            case "uuid" -> UUID.fromString(text);
            case "string" -> text;
            default -> throw new IllegalStateException("unknown key type '" + type + "'");
        };
    }
}
