package io.shardkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules of an application by name, with an optional default rule (used where an annotation names none).
 *
 * <p>Immutable and thread-safe.
 */
public final class ShardingRules {

    private final Map<String, ShardingRule> rules;
    private final @Nullable ShardingRule defaultRule;

    private ShardingRules(Map<String, ShardingRule> rules, @Nullable String defaultRule) {
        this.rules = rules;
        if (defaultRule != null && !rules.containsKey(defaultRule)) {
            throw new ShardingConfigurationException("default rule '" + defaultRule + "' does not exist; rules are "
                    + rules.keySet());
        }
        this.defaultRule = defaultRule == null ? null : rules.get(defaultRule);
    }

    /** Rules from a list, with {@code defaultRule} ({@code null} for none) naming one of them. */
    public static ShardingRules of(List<ShardingRule> rules, @Nullable String defaultRule) {
        Objects.requireNonNull(rules, "rules");
        Map<String, ShardingRule> byName = new LinkedHashMap<>();
        for (ShardingRule rule : rules) {
            if (byName.put(rule.name(), rule) != null) {
                throw new ShardingConfigurationException("rule '" + rule.name() + "' is defined twice");
            }
        }
        return new ShardingRules(java.util.Collections.unmodifiableMap(byName), defaultRule);
    }

    /** The rule of that name; {@link UnknownRuleException} listing the known rules when there is none. */
    public ShardingRule rule(String name) {
        ShardingRule rule = rules.get(name);
        if (rule == null) {
            throw UnknownRuleException.of(name, rules.keySet());
        }
        return rule;
    }

    /**
     * The rule of that name, or the default rule when {@code name} is empty; {@link UnknownRuleException} when
     * the name is empty and no default is configured.
     */
    public ShardingRule ruleOrDefault(String name) {
        if (!name.isEmpty()) {
            return rule(name);
        }
        if (defaultRule == null) {
            throw UnknownRuleException.noDefault(rules.keySet(), null);
        }
        return defaultRule;
    }

    public Optional<ShardingRule> defaultRule() {
        return Optional.ofNullable(defaultRule);
    }

    public Set<String> names() {
        return rules.keySet();
    }

    public List<ShardingRule> all() {
        return List.copyOf(rules.values());
    }
}
