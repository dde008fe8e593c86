package io.shardkit.spring.boot.autoconfigure;

import static io.shardkit.spring.boot.autoconfigure.ShardkitPropertiesValidator.fail;
import static io.shardkit.spring.boot.autoconfigure.ShardkitPropertiesValidator.rulePath;

import io.shardkit.KeyRange;
import io.shardkit.NamedShardingStrategy;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.id.IdLayout;
import io.shardkit.strategy.RangeStrategyBuilder;
import io.shardkit.strategy.ShardingStrategies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

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

    /**
     * @param idLayout the layout {@code id} rules decode ids with; asked only when there is such a rule
     */
    static ShardingRules create(ShardkitProperties properties, ShardRegistry registry,
                                List<ShardingRulesCustomizer> customizers, Supplier<IdLayout> idLayout) {
        Map<String, ShardingRule> rules = new LinkedHashMap<>();
        properties.getRules().forEach((name, rule) -> rules.put(name, rule(name, rule, registry, idLayout)));
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

    static ShardingRule rule(String name, RuleProperties rule, ShardRegistry registry, Supplier<IdLayout> idLayout) {
        return switch (rule.getStrategy()) {
            case HASH -> hash(name, rule, registry);
            case RANGE -> range(name, rule, registry);
            case DIRECTORY -> directory(name, rule, registry);
            case ID -> id(name, rule, registry, idLayout.get());
        };
    }

    private static ShardingRule hash(String name, RuleProperties rule, ShardRegistry registry) {
        List<Shard> shards = shards(rule, registry);
        return new ShardingRule(name, shards, ShardingStrategies.hash(shards.size(), rule.getAlgorithm()));
    }

    /** Ranges as validated: {@code [from..to)}, open where a bound is absent; slots in order of first mention. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ShardingRule range(String name, RuleProperties rule, ShardRegistry registry) {
        String path = rulePath(name);
        ShardKeyType type = java.util.Objects.requireNonNull(rule.getKeyType(), "validated key-type");
        RangeStrategyBuilder builder = ShardingStrategies.range((Class) type.javaType());
        for (int i = 0; i < rule.getRanges().size(); i++) {
            RuleProperties.Range range = rule.getRanges().get(i);
            Comparable from = bound(range.getFrom(), type);
            Comparable to = bound(range.getTo(), type);
            RangeStrategyBuilder step = builder;
            ShardRegistryFactory.at(path + ".ranges[" + i + "]",
                    () -> step.range(new KeyRange(from, from != null, to, false), String.valueOf(range.getShard())));
        }
        if (rule.getDefaultShard() != null) {
            builder.defaultShard(rule.getDefaultShard());
        }
        RangeStrategyBuilder built = builder;
        NamedShardingStrategy strategy = ShardRegistryFactory.at(path + ".ranges", built::build);
        return ShardingRule.of(name, registry, strategy);
    }

    private static ShardingRule directory(String name, RuleProperties rule, ShardRegistry registry) {
        String path = rulePath(name) + ".directory";
        RuleProperties.Directory directory = rule.getDirectory();
        List<Shard> shards = shards(rule, registry);
        DirectoryConfig config = ShardRegistryFactory.at(path, () -> DirectoryConfig.custom()
                .tableName(directory.getTable())
                .cacheMaximumSize(directory.getCache().getMaximumSize())
                .cacheTtl(directory.getCache().getTtl())
                .build());
        Shard home = registry.shard(java.util.Objects.requireNonNull(directory.getShard(), "validated shard"));
        List<String> names = shards.stream().map(Shard::name).toList();
        return new ShardingRule(name, shards, ShardingStrategies.directory(home, names, config));
    }

    private static ShardingRule id(String name, RuleProperties rule, ShardRegistry registry, IdLayout layout) {
        List<Shard> shards = shards(rule, registry);
        return new ShardingRule(name, shards, ShardRegistryFactory.at(rulePath(name) + ".shards",
                () -> ShardingStrategies.id(shards.size(), layout)));
    }

    private static @Nullable Comparable<?> bound(@Nullable String text, ShardKeyType type) {
        return text == null ? null : (Comparable<?>) type.parse(text);
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
}
