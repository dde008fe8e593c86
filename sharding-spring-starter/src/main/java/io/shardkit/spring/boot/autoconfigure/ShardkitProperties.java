package io.shardkit.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code shardkit.*} configuration: shards, rules, the default rule, scatter-gather settings and the layout of
 * shard-aware ids.
 *
 * <pre>{@code
 * shardkit:
 *   default-rule: orders
 *   shards:
 *     shard-0: { url: "jdbc:postgresql://db0/orders", username: app, pool: { maximum-pool-size: 16 } }
 *     shard-1: { url: "jdbc:postgresql://db1/orders", username: app }
 *   rules:
 *     orders: { strategy: hash }
 * }</pre>
 *
 * <p>Shards keep the order in which they are declared (YAML maps bind in order); that order gives each shard
 * its index and, for rules that name no shard list, its hash slot. Reordering shards therefore remaps keys.
 * Everything is checked at start-up (by the auto-configuration); a mistake fails the start naming the
 * property path.
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
@ConfigurationProperties(prefix = ShardkitProperties.PREFIX)
public class ShardkitProperties {

    /** The property prefix. */
    public static final String PREFIX = "shardkit";

    /** Whether shardkit's auto-configuration is active. */
    private boolean enabled = true;

    /**
     * The rule used where an annotation names none ({@code @Sharded} without {@code rule}). Must name one of
     * {@code shardkit.rules}; none by default, and then every annotation must name its rule.
     */
    private @Nullable String defaultRule;

    /** The shards by name, in index order: one HikariCP pool each. */
    private Map<String, ShardProperties> shards = new LinkedHashMap<>();

    /** The sharding rules by name, as annotations refer to them. */
    private Map<String, RuleProperties> rules = new LinkedHashMap<>();

    /** How scatter-gather calls ({@code @ScatterGather}, {@code @Broadcast}) fan out. */
    @NestedConfigurationProperty
    private ScatterGatherProperties scatterGather = new ScatterGatherProperties();

    /** Shard-aware ids: the layout of the id generator and of {@code id} rules, and this node's id. */
    @NestedConfigurationProperty
    private final IdProperties ids = new IdProperties();

    /** How the actuator health indicator probes each shard. */
    private final Health health = new Health();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public @Nullable String getDefaultRule() {
        return defaultRule;
    }

    public void setDefaultRule(@Nullable String defaultRule) {
        this.defaultRule = defaultRule;
    }

    public Map<String, ShardProperties> getShards() {
        return shards;
    }

    public void setShards(Map<String, ShardProperties> shards) {
        this.shards = shards;
    }

    public Map<String, RuleProperties> getRules() {
        return rules;
    }

    public void setRules(Map<String, RuleProperties> rules) {
        this.rules = rules;
    }

    public ScatterGatherProperties getScatterGather() {
        return scatterGather;
    }

    public void setScatterGather(ScatterGatherProperties scatterGather) {
        this.scatterGather = scatterGather;
    }

    public IdProperties getIds() {
        return ids;
    }

    public Health getHealth() {
        return health;
    }

    /** Health probe settings ({@code shardkit.health.*}). */
    public static class Health {

        /** Default of {@link #timeout}. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

        /**
         * Longest a health probe waits for a shard to hand out a valid connection before reporting it DOWN.
         */
        private Duration timeout = DEFAULT_TIMEOUT;

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }
}
