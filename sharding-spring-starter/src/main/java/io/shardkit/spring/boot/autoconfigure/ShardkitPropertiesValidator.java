package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingConfigurationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code shardkit.*} before anything is built, so that a mistake fails the start with the property path
 * at fault ({@code shardkit.rules.orders.shards[1]}) rather than a message from deep inside; and so that no pool
 * is started for a configuration that cannot work.
 *
 * <p>Stateless and thread-safe.
 */
final class ShardkitPropertiesValidator {

    /** Key types whose natural order range rules can split. */
    static final Set<ShardKeyType> RANGE_KEY_TYPES = EnumSet.of(ShardKeyType.LONG, ShardKeyType.DECIMAL,
            ShardKeyType.STRING, ShardKeyType.LOCAL_DATE, ShardKeyType.INSTANT);

    private ShardkitPropertiesValidator() {
    }

    /**
     * @param properties the bound properties
     * @param ownShards  shard names declared by a {@link ShardDataSources} bean
     * @return every shard name, properties' first, in index order
     */
    static Set<String> validate(ShardkitProperties properties, Set<String> ownShards) {
        Set<String> shards = validateShards(properties.getShards(), ownShards);
        properties.getRules().forEach((name, rule) -> validateRule(name, rule, shards));
        // The generator bean is made lazily; its properties are checked now, so a mistake still fails the start.
        IdGeneratorFactory.generator(properties.getIds());
        return shards;
    }

    private static Set<String> validateShards(Map<String, ShardProperties> shards, Set<String> ownShards) {
        if (shards.isEmpty() && ownShards.isEmpty()) {
            throw fail("shardkit.shards", "no shards are configured; declare at least one under "
                    + "shardkit.shards.<name> (or in a ShardDataSources bean)");
        }
        Set<String> names = new LinkedHashSet<>();
        shards.forEach((name, shard) -> {
            String path = shardPath(name);
            String url = shard.getUrl();
            if (url == null || url.isBlank()) {
                throw fail(path + ".url", "is required: the JDBC url of shard '" + name + "'");
            }
            if (!url.startsWith("jdbc:")) {
                throw fail(path + ".url", "must be a JDBC url starting with 'jdbc:' but was [" + url + "]");
            }
            if (ownShards.contains(name)) {
                throw fail(path, "shard '" + name + "' is also declared by the ShardDataSources bean; a shard "
                        + "name may be used once");
            }
            names.add(name);
        });
        names.addAll(ownShards);
        return names;
    }

    private static void validateRule(String name, RuleProperties rule, Set<String> shards) {
        String path = rulePath(name);
        validateShardList(path, rule.getShards(), shards);
        if (rule.getStrategy() != RuleProperties.Strategy.RANGE) {
            if (!rule.getRanges().isEmpty()) {
                throw fail(path + ".ranges", "only range rules take ranges but rule '" + name + "' is "
                        + lower(rule.getStrategy()));
            }
            if (rule.getDefaultShard() != null) {
                throw fail(path + ".default-shard", "only range rules take a default shard but rule '" + name
                        + "' is " + lower(rule.getStrategy()));
            }
        }
        switch (rule.getStrategy()) {
            case RANGE -> validateRange(path, rule, shards);
            case DIRECTORY -> validateDirectory(path, rule.getDirectory(), shards);
            default -> {
                // hash and id take any key type and only a shard list, checked above.
            }
        }
    }

    private static void validateShardList(String path, @Nullable List<String> list, Set<String> shards) {
        if (list == null) {
            return;
        }
        if (list.isEmpty()) {
            throw fail(path + ".shards", "is empty; list at least one shard, or leave it out for every shard");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String shard = list.get(i);
            checkShard(path + ".shards[" + i + "]", shard, shards);
            if (!seen.add(shard)) {
                throw fail(path + ".shards[" + i + "]", "shard '" + shard + "' is listed twice");
            }
        }
    }

    private static void validateRange(String path, RuleProperties rule, Set<String> shards) {
        ShardKeyType type = rule.getKeyType();
        if (type == null || !RANGE_KEY_TYPES.contains(type)) {
            throw fail(path + ".key-type", "a range rule needs a key-type, one of "
                    + RANGE_KEY_TYPES.stream().map(ShardkitPropertiesValidator::lower).toList()
                    + (type == null ? "" : ", but was " + lower(type)) + " (a long range also takes int keys)");
        }
        if (rule.getShards() != null) {
            throw fail(path + ".shards", "a range rule takes its shards from its ranges; leave shards out");
        }
        if (rule.getRanges().isEmpty()) {
            throw fail(path + ".ranges", "a range rule needs at least one range");
        }
        List<ParsedRange> parsed = new ArrayList<>();
        for (int i = 0; i < rule.getRanges().size(); i++) {
            parsed.add(parse(path + ".ranges[" + i + "]", i, rule.getRanges().get(i), type, shards));
        }
        checkOverlaps(path, parsed);
        if (rule.getDefaultShard() != null) {
            checkShard(path + ".default-shard", rule.getDefaultShard(), shards);
        }
    }

    private static ParsedRange parse(String path, int index, RuleProperties.Range range, ShardKeyType type,
                                     Set<String> shards) {
        checkShard(path + ".shard", range.getShard(), shards);
        Comparable<Object> from = bound(path + ".from", range.getFrom(), type);
        Comparable<Object> to = bound(path + ".to", range.getTo(), type);
        if (from != null && to != null && from.compareTo(to) >= 0) {
            throw fail(path, "from [" + range.getFrom() + "] must be below to [" + range.getTo() + "]");
        }
        return new ParsedRange(index, from, to);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Comparable<Object> bound(String path, @Nullable String text, ShardKeyType type) {
        if (text == null) {
            return null;
        }
        try {
            return (Comparable<Object>) type.parse(text);
        } catch (IllegalArgumentException ex) {
            throw new ShardingConfigurationException(path, ex.getMessage(), ex);
        }
    }

    private static void checkOverlaps(String path, List<ParsedRange> ranges) {
        List<ParsedRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(ParsedRange::from, Comparator.nullsFirst(Comparator.naturalOrder())));
        for (int i = 1; i < sorted.size(); i++) {
            ParsedRange before = sorted.get(i - 1);
            ParsedRange after = sorted.get(i);
            // [from..to) ranges sorted by from overlap exactly when one ends after the next begins.
            if (before.to() == null || after.from() == null || before.to().compareTo(after.from()) > 0) {
                ParsedRange later = before.index() > after.index() ? before : after;
                ParsedRange earlier = later == before ? after : before;
                throw fail(path + ".ranges[" + later.index() + "]", "range " + later + " overlaps ranges["
                        + earlier.index() + "] " + earlier + "; each key must fall in one range");
            }
        }
    }

    private static void validateDirectory(String path, RuleProperties.Directory directory, Set<String> shards) {
        checkShard(path + ".directory.shard", directory.getShard(), shards);
        if (!directory.getTable().matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw fail(path + ".directory.table", "must be a table name (letters, digits, '_', '.') but was ["
                    + directory.getTable() + "]");
        }
        if (directory.getCache().getMaximumSize() < 0) {
            throw fail(path + ".directory.cache.maximum-size", "must be >= 0 but was "
                    + directory.getCache().getMaximumSize());
        }
        if (directory.getCache().getTtl().isNegative()) {
            throw fail(path + ".directory.cache.ttl", "must not be negative but was "
                    + directory.getCache().getTtl());
        }
    }

    private static void checkShard(String path, @Nullable String shard, Set<String> shards) {
        if (shard == null || shard.isBlank()) {
            throw fail(path, "a shard name is required");
        }
        if (!shards.contains(shard)) {
            throw fail(path, "unknown shard '" + shard + "'; known shards are " + shards);
        }
    }

    static String shardPath(String shard) {
        return "shardkit.shards." + shard;
    }

    static String rulePath(String rule) {
        return "shardkit.rules." + rule;
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static ShardingConfigurationException fail(String property, String message) {
        return new ShardingConfigurationException(property, message, null);
    }

    /** A range with its bounds parsed, and its position in the configuration for messages. */
    private record ParsedRange(int index, @Nullable Comparable<Object> from, @Nullable Comparable<Object> to) {

        @Override
        public String toString() {
            return "[" + (from == null ? "-inf" : from) + ".." + (to == null ? "+inf" : to) + ")";
        }
    }
}
