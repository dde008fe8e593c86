package io.shardkit.spring.boot.autoconfigure;

import static io.shardkit.spring.boot.autoconfigure.ShardkitPropertiesValidator.fail;
import static io.shardkit.spring.boot.autoconfigure.ShardkitPropertiesValidator.lower;
import static io.shardkit.spring.boot.autoconfigure.ShardkitPropertiesValidator.rulePath;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.strategy.ShardingStrategies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link ShardingRules} from {@code shardkit.rules.*} (already validated) and the
 * {@link ShardingRulesCustomizer}s, then checks {@code shardkit.default-rule}. One small factory method per
 * strategy.
 *
 * <p>Stateless and thread-safe.
 */
final class ShardingRuleFactory {

    private ShardingRuleFactory() {
    }

    static ShardingRules create(ShardkitProperties properties, ShardRegistry registry,
                                List<ShardingRulesCustomizer> customizers) {
        Map<String, ShardingRule> rules = new LinkedHashMap<>();
        properties.getRules().forEach((name, rule) -> rules.put(name, rule(name, rule, registry)));
        for (ShardingRulesCustomizer customizer : customizers) {
            customizer.customize(registry, rules);
        }
        rules.forEach((name, rule) -> {
            if (!name.equals(rule.name())) {
                throw new ShardingConfigurationException("a ShardingRulesCustomizer put rule '" + rule.name()
                        + "' under the name '" + name + "'; a rule's key must be its name");
            }
        });
        String defaultRule = properties.getDefaultRule();
        if (defaultRule != null && !rules.containsKey(defaultRule)) {
            throw fail("shardkit.default-rule", "rule '" + defaultRule + "' does not exist; rules are "
                    + rules.keySet());
        }
        return ShardingRules.of(List.copyOf(rules.values()), defaultRule);
    }

    static ShardingRule rule(String name, RuleProperties rule, ShardRegistry registry) {
        return switch (rule.getStrategy()) {
            case HASH -> hash(name, rule, registry);
            case RANGE -> range(name, rule, registry);
            case DIRECTORY -> directory(name, rule, registry);
            case ID -> id(name, rule, registry);
        };
    }

    private static ShardingRule hash(String name, RuleProperties rule, ShardRegistry registry) {
        List<Shard> shards = shards(rule, registry);
        return new ShardingRule(name, shards, ShardingStrategies.hash(shards.size(), rule.getAlgorithm()));
    }

    private static ShardingRule range(String name, RuleProperties rule, ShardRegistry registry) {
        throw notAvailableYet(name, rule);
    }

    private static ShardingRule directory(String name, RuleProperties rule, ShardRegistry registry) {
        throw notAvailableYet(name, rule);
    }

    private static ShardingRule id(String name, RuleProperties rule, ShardRegistry registry) {
        throw notAvailableYet(name, rule);
    }

    /** The rule's shard list, or every shard in registry order when it names none. */
    private static List<Shard> shards(RuleProperties rule, ShardRegistry registry) {
        List<String> names = rule.getShards();
        if (names == null) {
            return registry.shards();
        }
        List<Shard> shards = new ArrayList<>(names.size());
        for (String shard : names) {
            shards.add(registry.shard(shard));
        }
        return shards;
    }

    private static ShardingConfigurationException notAvailableYet(String name, RuleProperties rule) {
        return fail(rulePath(name) + ".strategy", "strategy '" + lower(rule.getStrategy())
                + "' is not available yet in this version of shardkit; use hash, or build the rule in a "
                + "ShardingRulesCustomizer");
    }
}
