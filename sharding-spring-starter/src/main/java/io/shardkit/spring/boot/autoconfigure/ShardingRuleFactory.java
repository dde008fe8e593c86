package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.KeyRange;
import io.shardkit.NamedShardingStrategy;
import io.shardkit.OverlappingRangesException;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.id.IdLayout;
import io.shardkit.strategy.RangeStrategyBuilder;
import io.shardkit.strategy.ShardingStrategies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link ShardingRules} from {@code shardkit.rules.*} and the {@link ShardingRulesCustomizer}s with the
 * core builders, which check every value; a refusal is raised again at the property it came from. One small factory
 * method per strategy; range bounds are parsed here, once.
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
        for (String name : properties.getRules().keySet()) {
            build(name, properties.getRules(), registry, idLayout, rules);
        }
        for (ShardingRulesCustomizer customizer : customizers) {
            customizer.customize(registry, rules);
        }
        rules.forEach((name, rule) -> {
            if (!name.equals(rule.name())) {
                throw new ShardingConfigurationException("a ShardingRulesCustomizer put rule '" + rule.name()
                        + "' under the name '" + name + "'; a rule's key must be its name");
            }
        });
        return ConfigPath.SHARDKIT.child("default-rule").at(() -> ShardingRules.of(List.copyOf(rules.values()),
                properties.getDefaultRule()));
    }

    /**
     * Builds rule {@code name} into {@code built} unless it is there already; a bucketed-id rule builds its bucketed
     * rule first, wherever that is declared.
     */
    private static ShardingRule build(String name, Map<String, RuleProperties> all, ShardRegistry registry,
                                      Supplier<IdLayout> idLayout, Map<String, ShardingRule> built) {
        ShardingRule done = built.get(name);
        if (done != null) {
            return done;
        }
        RuleProperties rule = Objects.requireNonNull(all.get(name), name);
        ShardingRule result = switch (rule.getStrategy()) {
            case HASH -> hash(name, rule, registry);
            case RANGE -> range(name, rule, registry);
            case DIRECTORY -> directory(name, rule, registry);
            case ID -> id(name, rule, registry, idLayout.get());
            case BUCKETED -> bucketed(name, rule, registry);
            case BUCKETED_ID -> bucketedId(name, build(Objects.requireNonNull(rule.getBucketsRule(),
                    "validated buckets-rule"), all, registry, idLayout, built), idLayout.get());
        };
        built.put(name, result);
        return result;
    }

    /** The bucket map is read (or seeded) from the shards' tables now, so a bad table fails the start. */
    private static ShardingRule bucketed(String name, RuleProperties rule, ShardRegistry registry) {
        List<Shard> shards = shards(rule, registry);
        Integer seed = rule.getSeedShards();
        int seedShards = seed != null ? seed : shards.size();
        return ConfigPath.rule(name).child("buckets").at(() -> new ShardingRule(name, shards,
                BucketedStrategy.create(name, shards, rule.getBuckets(), seedShards)));
    }

    /** Over the bucketed rule's shards, so that a bucket's owner slot names the same shard in both rules. */
    private static ShardingRule bucketedId(String name, ShardingRule buckets, IdLayout layout) {
        BucketedStrategy strategy = (BucketedStrategy) buckets.strategy();
        return new ShardingRule(name, buckets.shards(), IdGeneratorFactory.bucketedId(strategy, layout));
    }

    private static ShardingRule hash(String name, RuleProperties rule, ShardRegistry registry) {
        List<Shard> shards = shards(rule, registry);
        return new ShardingRule(name, shards, ShardingStrategies.hash(shards.size(), rule.getAlgorithm()));
    }

    /** Ranges {@code [from..to)}, open where a bound is absent; slots in order of first mention. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ShardingRule range(String name, RuleProperties rule, ShardRegistry registry) {
        ConfigPath path = ConfigPath.rule(name);
        ShardKeyType type = Objects.requireNonNull(rule.getKeyType(), "validated key-type");
        RangeStrategyBuilder builder = path.child("key-type")
                .at(() -> ShardingStrategies.range((Class) type.javaType()));
        for (int i = 0; i < rule.getRanges().size(); i++) {
            ConfigPath at = path.child("ranges").index(i);
            RuleProperties.Range range = rule.getRanges().get(i);
            Comparable from = bound(at.child("from"), range.getFrom(), type);
            Comparable to = bound(at.child("to"), range.getTo(), type);
            KeyRange keys = keyRange(at, from, to);
            at.at(() -> builder.range(keys, String.valueOf(range.getShard())));
        }
        String defaultShard = rule.getDefaultShard();
        if (defaultShard != null) {
            path.child("default-shard").at(() -> builder.defaultShard(defaultShard));
        }
        NamedShardingStrategy strategy;
        try {
            strategy = builder.build();
        } catch (OverlappingRangesException overlap) {
            throw path.child("ranges").index(overlap.getLater()).fail(overlap.getMessage(), null, overlap);
        } catch (ShardingConfigurationException ex) {
            throw path.child("ranges").fail(ex.getMessage(), ex.getAction(), ex);
        }
        return ShardingRule.of(name, registry, strategy);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KeyRange keyRange(ConfigPath at, @Nullable Comparable from, @Nullable Comparable to) {
        try {
            return new KeyRange(from, from != null, to, false);
        } catch (IllegalArgumentException ex) {
            throw at.fail("from must be below to: " + ex.getMessage(), null, ex);
        }
    }

    private static @Nullable Comparable<?> bound(ConfigPath path, @Nullable String text, ShardKeyType type) {
        if (text == null) {
            return null;
        }
        try {
            return (Comparable<?>) type.parse(text);
        } catch (IllegalArgumentException ex) {
            throw path.fail(Objects.toString(ex.getMessage(), ex.toString()), null, ex);
        }
    }

    private static ShardingRule directory(String name, RuleProperties rule, ShardRegistry registry) {
        ConfigPath path = ConfigPath.rule(name).child("directory");
        RuleProperties.Directory directory = rule.getDirectory();
        List<Shard> shards = shards(rule, registry);
        DirectoryConfig.Builder config = DirectoryConfig.custom();
        path.child("table").at(() -> config.tableName(directory.getTable()));
        path.child("cache").child("maximum-size").at(() -> config.cacheMaximumSize(directory.getCache()
                .getMaximumSize()));
        path.child("cache").child("ttl").at(() -> config.cacheTtl(directory.getCache().getTtl()));
        Shard home = registry.shard(Objects.requireNonNull(directory.getShard(), "validated shard"));
        List<String> names = shards.stream().map(Shard::name).toList();
        return new ShardingRule(name, shards, ShardingStrategies.directory(home, names, config.build()));
    }

    private static ShardingRule id(String name, RuleProperties rule, ShardRegistry registry, IdLayout layout) {
        List<Shard> shards = shards(rule, registry);
        return new ShardingRule(name, shards, ConfigPath.rule(name).child("shards")
                .at(() -> ShardingStrategies.id(shards.size(), layout)));
    }

    /** The rule's shard list, or every shard in index order when it names none. */
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
