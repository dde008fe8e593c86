package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.layout.LayoutFence;
import io.shardkit.spring.aop.SelfInvocationMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code shardkit.*} configuration: shards, rules, the default rule, scatter-gather settings, the layout of
 * shard-aware ids and online resharding.
 *
 * <pre>{@code
 * shardkit:
 *   default-rule: orders
 *   shards:
 *     shard-0: { index: 0, url: "jdbc:postgresql://db0/orders", username: app, pool: { maximum-pool-size: 16 } }
 *     shard-1: { index: 1, url: "jdbc:postgresql://db1/orders", username: app }
 *   rules:
 *     orders: { strategy: hash }
 * }</pre>
 *
 * <p>Every shard has an {@code index} (required with more than one shard): its slot in every rule that names no
 * shard list. The order in which property sources or maps happen to bind never decides it. Everything is checked
 * at start-up (by the auto-configuration), unknown properties included; a mistake fails the start naming the
 * property path. Each shard's database is then checked against the layout ({@code shardkit.layout.*}).
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
     * Whether a property under shardkit that binds to nothing (a misspelt name) fails the start. When false, each
     * is logged as a warning and ignored.
     */
    private boolean failOnUnknownProperties = true;

    /**
     * What to do when a bean calls its own @Sharded, @ScatterGather or @Broadcast method on this (found in its
     * bytecode at start-up): such a call bypasses the proxy, so the annotation does not run. fail stops the start
     * naming caller, callee and the fix; warn logs each call and starts; off does not look.
     */
    private SelfInvocationMode selfInvocation = SelfInvocationMode.FAIL;

    /**
     * The rule used where an annotation names none (@Sharded without a rule). Must name one of shardkit.rules;
     * none by default, and then every annotation must name its rule.
     */
    private @Nullable String defaultRule;

    /** The shards by name: one HikariCP pool each, at the index each declares. */
    private Map<String, ShardProperties> shards = new LinkedHashMap<>();

    /** The sharding rules by name, as annotations refer to them. */
    private Map<String, RuleProperties> rules = new LinkedHashMap<>();

    /** How scatter-gather calls (@ScatterGather, @Broadcast) fan out. */
    @NestedConfigurationProperty
    private ScatterGatherProperties scatterGather = new ScatterGatherProperties();

    /** Shard-aware ids: the layout of the id generator and of id rules, and this node's id. */
    @NestedConfigurationProperty
    private final IdProperties ids = new IdProperties();

    /** Online resharding of bucketed rules: the mover's settings and, per rule, the tables that move. */
    @NestedConfigurationProperty
    private final ReshardProperties reshard = new ReshardProperties();

    /** How the actuator health indicator probes each shard. */
    private final Health health = new Health();

    /**
     * Entity classes, by fully qualified name in brackets, and where each keeps its shard key: for classes that
     * cannot carry the ShardKey annotation. Configuration wins over the annotation.
     */
    private Map<String, EntityProperties> entities = new LinkedHashMap<>();

    /** The layout check: the identity each shard's database holds, read at start-up. */
    private final Layout layout = new Layout();

    /** Schema migrations on every shard (spring.sql.init, Flyway, Liquibase) at start-up. */
    private final Schema schema = new Schema();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isFailOnUnknownProperties() {
        return failOnUnknownProperties;
    }

    public void setFailOnUnknownProperties(boolean failOnUnknownProperties) {
        this.failOnUnknownProperties = failOnUnknownProperties;
    }

    public SelfInvocationMode getSelfInvocation() {
        return selfInvocation;
    }

    public void setSelfInvocation(SelfInvocationMode selfInvocation) {
        this.selfInvocation = selfInvocation;
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

    public ReshardProperties getReshard() {
        return reshard;
    }

    public Map<String, EntityProperties> getEntities() {
        return entities;
    }

    public void setEntities(Map<String, EntityProperties> entities) {
        this.entities = entities;
    }

    public Health getHealth() {
        return health;
    }

    public Layout getLayout() {
        return layout;
    }

    public Schema getSchema() {
        return schema;
    }

    /** Schema migrations on every shard at start-up ({@code shardkit.schema.*}). */
    public static class Schema {

        /**
         * What a shard that cannot be reached at start-up does to the start when its migrations (spring.sql.init,
         * Flyway, Liquibase) should run: FAIL fails the start naming the shard; DEFER starts without it, keeps it
         * from serving any call, and runs its migrations on the first call once it is back.
         */
        private UnreachableShard unreachableShard = UnreachableShard.FAIL;

        public UnreachableShard getUnreachableShard() {
            return unreachableShard;
        }

        public void setUnreachableShard(UnreachableShard unreachableShard) {
            this.unreachableShard = unreachableShard;
        }
    }

    /** What an unreachable shard does to the start, see {@link Schema#getUnreachableShard()}. */
    public enum UnreachableShard {
        /** The start fails naming the shard. */
        FAIL,
        /** The shard serves no call until its migrations have run, once it is back. */
        DEFER
    }

    /**
     * The layout check ({@code shardkit.layout.*}): each shard's database holds a small identity record (layout
     * name, shard name, index, a fingerprint of each rule placing rows there), written on first start and checked
     * with one read per shard at every start; a database that is not the one the layout says never serves a call.
     */
    public static class Layout {

        /** Whether each shard's database is checked against the layout at start-up. */
        private boolean enabled = true;

        /**
         * The layout's name, stored with every shard's identity. A database holding another layout's identity fails
         * the check.
         */
        private String name = LayoutFence.DEFAULT_LAYOUT_NAME;

        /** The table holding the identity on every shard's database. */
        private String table = LayoutFence.DEFAULT_TABLE;

        /**
         * Whether shardkit creates the identity table where it is missing. When false the table comes from your
         * migrations (shipped DDL: io/shardkit/layout/schema-*.sql) and a missing table fails the start.
         */
        private boolean createTable = LayoutFence.DEFAULT_CREATE_TABLE;

        /**
         * Rule changes made on purpose: rule name to the new fingerprint the layout check printed. Only once the
         * rule's rows sit where the new mapping puts them; the shards then record the new fingerprint.
         */
        private Map<String, String> acceptedChanges = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public boolean isCreateTable() {
            return createTable;
        }

        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }

        public Map<String, String> getAcceptedChanges() {
            return acceptedChanges;
        }

        public void setAcceptedChanges(Map<String, String> acceptedChanges) {
            this.acceptedChanges = acceptedChanges;
        }
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
