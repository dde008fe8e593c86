package io.shardkit.spring.boot.autoconfigure;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks what only the configuration knows, before any pool starts: that every shard a rule names (in
 * {@code shards}, a range, a default shard, a directory) is declared, that a rule sets only the properties of its
 * strategy, that a range rule says its key type, and that a bucketed-id rule names a bucketed rule. Everything a
 * core builder checks (range overlaps and key types, bounds, pool sizes, table names, cache settings, the id
 * layout, the default rule) is left to it: the starter adds the property path ({@link ConfigPath}) to its refusal.
 *
 * <p>Stateless and thread-safe.
 */
final class ShardkitPropertiesValidator {

    private ShardkitPropertiesValidator() {
    }

    /** @param shards every declared shard name */
    static void validate(ShardkitProperties properties, Set<String> shards) {
        properties.getRules().forEach((name, rule) -> validateRule(name, rule, shards));
        properties.getRules().forEach((name, rule) -> validateBuckets(name, rule, properties.getRules(), shards));
        // The generator bean is made lazily; its properties are checked now, so a mistake still fails the start.
        IdGeneratorFactory.generator(properties.getIds());
    }

    private static void validateRule(String name, RuleProperties rule, Set<String> shards) {
        ConfigPath path = ConfigPath.rule(name);
        validateShardList(path, rule.getShards(), shards);
        RuleProperties.Strategy strategy = rule.getStrategy();
        if (strategy != RuleProperties.Strategy.RANGE) {
            if (!rule.getRanges().isEmpty()) {
                throw path.child("ranges").fail("only range rules take ranges but rule '" + name + "' is "
                        + lower(strategy));
            }
            if (rule.getDefaultShard() != null) {
                throw path.child("default-shard").fail("only range rules take a default shard but rule '" + name
                        + "' is " + lower(strategy));
            }
        }
        if (strategy == RuleProperties.Strategy.RANGE) {
            validateRange(path, rule, shards);
        } else if (strategy == RuleProperties.Strategy.DIRECTORY) {
            checkShard(path.child("directory").child("shard"), rule.getDirectory().getShard(), shards);
        }
    }

    /** What only bucketed and bucketed-id rules take, and what they need. */
    private static void validateBuckets(String name, RuleProperties rule, Map<String, RuleProperties> rules,
                                        Set<String> shards) {
        ConfigPath path = ConfigPath.rule(name);
        RuleProperties.Strategy strategy = rule.getStrategy();
        Integer seed = rule.getSeedShards();
        if (seed != null) {
            if (strategy != RuleProperties.Strategy.BUCKETED) {
                throw path.child("seed-shards").fail("only bucketed rules take seed-shards but rule '" + name
                        + "' is " + lower(strategy));
            }
            int count = rule.getShards() != null ? rule.getShards().size() : shards.size();
            if (seed < 1 || seed > count) {
                throw path.child("seed-shards").fail("must be in [1.." + count + "] (how many of the rule's " + count
                        + " shards, in order, own buckets when the map is first seeded) but was " + seed);
            }
        }
        String bucketsRule = rule.getBucketsRule();
        if (strategy != RuleProperties.Strategy.BUCKETED_ID) {
            if (bucketsRule != null) {
                throw path.child("buckets-rule").fail("only bucketed-id rules take buckets-rule but rule '" + name
                        + "' is " + lower(strategy));
            }
            return;
        }
        if (bucketsRule == null || bucketsRule.isBlank()) {
            throw path.child("buckets-rule").fail("a bucketed-id rule needs the bucketed rule its ids were minted "
                    + "for; bucketed rules are " + bucketedRules(rules));
        }
        RuleProperties target = rules.get(bucketsRule);
        if (target == null || target.getStrategy() != RuleProperties.Strategy.BUCKETED) {
            throw path.child("buckets-rule").fail((target == null ? "names no rule" : "rule '" + bucketsRule
                    + "' is " + lower(target.getStrategy())) + "; it must name a bucketed rule of shardkit.rules: "
                    + bucketedRules(rules));
        }
        if (rule.getShards() != null) {
            throw path.child("shards").fail("a bucketed-id rule takes its shards from its buckets-rule '"
                    + bucketsRule + "'; leave shards out");
        }
    }

    private static List<String> bucketedRules(Map<String, RuleProperties> rules) {
        return rules.entrySet().stream().filter(e -> e.getValue().getStrategy() == RuleProperties.Strategy.BUCKETED)
                .map(Map.Entry::getKey).toList();
    }

    private static void validateShardList(ConfigPath path, @Nullable List<String> list, Set<String> shards) {
        if (list == null) {
            return;
        }
        if (list.isEmpty()) {
            throw path.child("shards").fail("is empty; list at least one shard, or leave it out for every shard");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String shard = list.get(i);
            checkShard(path.child("shards").index(i), shard, shards);
            if (!seen.add(shard)) {
                throw path.child("shards").index(i).fail("shard '" + shard + "' is listed twice");
            }
        }
    }

    private static void validateRange(ConfigPath path, RuleProperties rule, Set<String> shards) {
        if (rule.getKeyType() == null) {
            throw path.child("key-type").fail("a range rule needs a key-type (long, decimal, string, local-date or "
                    + "instant): it reads the range bounds");
        }
        if (rule.getShards() != null) {
            throw path.child("shards").fail("a range rule takes its shards from its ranges; leave shards out");
        }
        for (int i = 0; i < rule.getRanges().size(); i++) {
            checkShard(path.child("ranges").index(i).child("shard"), rule.getRanges().get(i).getShard(), shards);
        }
        if (rule.getDefaultShard() != null) {
            checkShard(path.child("default-shard"), rule.getDefaultShard(), shards);
        }
    }

    private static void checkShard(ConfigPath path, @Nullable String shard, Set<String> shards) {
        if (shard == null || shard.isBlank()) {
            throw path.fail("a shard name is required");
        }
        if (!shards.contains(shard)) {
            throw path.fail("unknown shard '" + shard + "'; known shards are " + shards);
        }
    }

    /** An enum value as properties spell it: {@code LOCAL_DATE} is {@code local-date}. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
