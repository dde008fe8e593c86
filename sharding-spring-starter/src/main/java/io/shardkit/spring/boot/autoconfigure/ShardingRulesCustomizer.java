package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import java.util.Map;

/**
 * Adds, replaces or removes rules in code after those of {@code shardkit.rules.*} are built, e.g. a rule with
 * a strategy of the application's own:
 *
 * <pre>{@code
 * @Bean
 * ShardingRulesCustomizer tenants() {
 *     return (registry, rules) -> rules.put("tenants",
 *             ShardingRule.over("tenants", registry, new TenantStrategy(registry.size())));
 * }
 * }</pre>
 *
 * <p>{@code shardkit.default-rule} is checked after every customizer ran. Called once at start-up, on one thread,
 * in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface ShardingRulesCustomizer {

    /**
     * @param registry the shards
     * @param rules    the rules so far by name, in declaration order; modifiable. A rule's map key must be its
     *                 name.
     */
    void customize(ShardRegistry registry, Map<String, ShardingRule> rules);
}
