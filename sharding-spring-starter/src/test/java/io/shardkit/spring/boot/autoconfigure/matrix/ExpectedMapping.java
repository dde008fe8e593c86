package io.shardkit.spring.boot.autoconfigure.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.ShardingStrategy;
import io.shardkit.id.IdLayout;
import io.shardkit.strategy.HashAlgorithm;
import io.shardkit.strategy.ShardingStrategies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The slot every key must get from the matrix's rules over 4 shards, whatever the property sources: the golden
 * tables' 4-shard column (the persisted contract) and 10,000 more keys per rule, each checked against the core
 * strategy built directly.
 */
final class ExpectedMapping {

    static final int SHARDS = 4;
    static final String CUT_1 = "-4611686018427387904";
    static final String CUT_2 = "0";
    static final String CUT_3 = "4611686018427387904";
    private static final int RANDOM_KEYS = 10_000;

    private final Map<String, Map<Object, Integer>> byRule = new LinkedHashMap<>();

    ExpectedMapping() {
        byRule.put("orders", keys("hash-jump", ShardingStrategies.hash(SHARDS), false));
        byRule.put("orders-modulo", keys("hash-modulo", ShardingStrategies.hash(SHARDS, HashAlgorithm.MODULO),
                false));
        byRule.put("by-price", keys("range", ShardingStrategies.range(Long.class)
                .range(io.shardkit.KeyRange.lessThan(Long.parseLong(CUT_1)), "a")
                .range(io.shardkit.KeyRange.closedOpen(Long.parseLong(CUT_1), 0L), "b")
                .range(io.shardkit.KeyRange.closedOpen(0L, Long.parseLong(CUT_3)), "c")
                .range(io.shardkit.KeyRange.atLeast(Long.parseLong(CUT_3)), "d").build(), true));
        Map<Object, Integer> ids = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(10L);
        for (int i = 0; i < RANDOM_KEYS; i++) {
            int shard = random.nextInt(SHARDS);
            ids.put(IdLayout.DEFAULT.compose(random.nextLong(1L << 40), shard, random.nextInt(4096)), shard);
        }
        byRule.put("order-ids", ids);
    }

    /**
     * Asserts every key of every rule lands on the shard of the expected index. Rules are matched by their
     * letters and digits: environment variables alone cannot spell the dash of "orders-modulo".
     */
    void assertHeldBy(ShardingRules rules, String variant) {
        byRule.forEach((name, expected) -> {
            ShardingRule rule = rules.all().stream().filter(r -> r.name().replace("-", "")
                    .equals(name.replace("-", ""))).findFirst().orElseThrow();
            int wrong = 0;
            Object first = null;
            for (Map.Entry<Object, Integer> e : expected.entrySet()) {
                if (rule.shardOf(e.getKey()).index() != e.getValue()) {
                    wrong++;
                    first = first == null ? e.getKey() : first;
                }
            }
            assertThat(wrong).as(variant + ": rule '" + name + "' moved " + wrong + " of " + expected.size()
                    + " keys (first " + first + "): that would remap persisted data").isZero();
        });
    }

    int keys() {
        return byRule.values().stream().mapToInt(Map::size).min().orElse(0);
    }

    private static Map<Object, Integer> keys(String table, ShardingStrategy reference, boolean numericOnly) {
        Map<Object, Integer> keys = new LinkedHashMap<>(golden(table, numericOnly));
        SplittableRandom random = new SplittableRandom(table.hashCode());
        while (keys.size() < RANDOM_KEYS + golden(table, numericOnly).size()) {
            Object key = switch (numericOnly ? 0 : random.nextInt(4)) {
                case 0 -> random.nextLong();
                case 1 -> random.nextInt();
                case 2 -> "customer-" + random.nextInt(1_000_000);
                default -> new UUID(random.nextLong(), random.nextLong());
            };
            keys.putIfAbsent(key, reference.shardOf("reference", key));
        }
        return keys;
    }

    /** The 4-shard column of a golden table, as pinned in sharding-core's test resources. */
    private static Map<Object, Integer> golden(String table, boolean numericOnly) {
        Map<Object, Integer> rows = new LinkedHashMap<>();
        InputStream in = Objects.requireNonNull(ExpectedMapping.class.getClassLoader()
                .getResourceAsStream("golden/" + table + ".csv"), "golden table " + table);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    header = List.of(line.split(","));
                    continue;
                }
                int comma = line.indexOf(',');
                String type = line.substring(0, comma);
                String rest = line.substring(comma + 1);
                List<String> cells = new ArrayList<>();
                Object key = parse(type, rest, cells);
                if (key != null && (!numericOnly || key instanceof Long || key instanceof Integer)) {
                    rows.put(key, Integer.parseInt(cells.get(header.indexOf("4") - 2)));
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return rows;
    }

    /** The key of a row; its slot columns go to {@code cells}. Strings are quoted, quotes doubled. */
    private static Object parse(String type, String rest, List<String> cells) {
        String slots;
        Object key;
        if (type.equals("string")) {
            StringBuilder s = new StringBuilder();
            int i = 1;
            while (true) {
                char c = rest.charAt(i);
                if (c == '"' && i + 1 < rest.length() && rest.charAt(i + 1) == '"') {
                    s.append('"');
                    i += 2;
                } else if (c == '"') {
                    break;
                } else {
                    s.append(c);
                    i++;
                }
            }
            key = s.toString();
            slots = rest.substring(i + 2);
        } else {
            int comma = rest.indexOf(',');
            String text = rest.substring(0, comma);
            slots = rest.substring(comma + 1);
            key = switch (type) {
                case "long" -> Long.parseLong(text);
                case "int" -> Integer.parseInt(text);
                case "uuid" -> UUID.fromString(text);
                default -> null;
            };
        }
        cells.addAll(List.of(slots.split(",")));
        return key;
    }
}
