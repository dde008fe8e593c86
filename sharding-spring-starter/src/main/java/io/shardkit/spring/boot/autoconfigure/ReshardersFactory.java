package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.id.IdLayout;
import io.shardkit.outbox.OutboxLayout;
import io.shardkit.reshard.MoveListener;
import io.shardkit.reshard.MoveTable;
import io.shardkit.reshard.OutboxBuckets;
import io.shardkit.reshard.ReshardConfig;
import io.shardkit.reshard.Resharder;
import io.shardkit.spring.reshard.Resharders;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link Resharders} of {@code shardkit.reshard.*}: a write fence per bucketed rule, and per rule under
 * {@code shardkit.reshard.rules} what builds its {@link Resharder} (settings, moved tables, outbox). The core
 * builders check every value; a refusal is raised again at the property it came from. One resharder of each rule
 * is built at start-up, so that its tables and its recorded moves are checked then and its journal-lag gauge has
 * something to read.
 *
 * <p>Stateless and thread-safe.
 */
final class ReshardersFactory {

    static final ConfigPath PATH = ConfigPath.SHARDKIT.child("reshard");

    private ReshardersFactory() {
    }

    /**
     * @param outbox   the outbox settings when the outbox is enabled, else {@code null}
     * @param idLayout the layout of ids minted for bucketed rules; asked only for a {@code by-bucketed-id} outbox
     */
    static Resharders create(ShardkitProperties properties, ShardingRules rules, @Nullable OutboxProperties outbox,
                             Supplier<IdLayout> idLayout, ReshardWatch watch) {
        Map<String, BucketWrites> writes = new LinkedHashMap<>();
        for (ShardingRule rule : rules.all()) {
            if (rule.strategy() instanceof BucketedStrategy) {
                writes.put(rule.name(), watch.writes(BucketWrites.of(rule)));
            }
        }
        ReshardProperties reshard = properties.getReshard();
        settings(reshard);                          // checked even when no rule is declared: a typo still fails
        Map<String, Supplier<Resharder>> resharders = new LinkedHashMap<>();
        reshard.getRules().forEach((name, declared) -> {
            ConfigPath path = PATH.child("rules").key(name);
            ShardingRule rule = bucketedRule(path, name, rules, writes.keySet());
            BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
            MoveTable[] tables = ReshardTables.of(path.child("tables"), declared.getTables());
            ReshardConfig.Builder config = settings(reshard);
            OutboxBuckets events = outboxBuckets(path, name, declared, properties.getRules().get(name), strategy,
                    outbox, idLayout);
            if (events != null) {
                String table = Objects.requireNonNull(outbox, "outbox").effectiveTable();
                path.child("outbox").at(() -> config.outbox(table, events));
            }
            ReshardConfig built = config.build();
            MoveListener listener = watch.listener(name);
            Supplier<Resharder> resharder = () -> {
                // Built over a fresh map: a resharder takes its epochs from the map when it starts.
                strategy.refresh();
                return Resharder.builder(rule).tables(tables).config(built).listener(listener).build();
            };
            watch.watch(path.child("tables").at(resharder));
            resharders.put(name, resharder);
        });
        return Resharders.of(resharders, writes);
    }

    /** The mover's settings, each refused value named by its property. */
    private static ReshardConfig.Builder settings(ReshardProperties reshard) {
        ReshardConfig.Builder b = ReshardConfig.custom();
        PATH.child("batch-size").at(() -> b.batchSize(reshard.getBatchSize()));
        PATH.child("max-rows-per-second").at(() -> b.maxRowsPerSecond(reshard.getMaxRowsPerSecond()));
        PATH.child("concurrency").at(() -> b.concurrency(reshard.getConcurrency()));
        PATH.child("cleanup-delay").at(() -> b.cleanupDelay(reshard.getCleanupDelay()));
        return b;
    }

    private static ShardingRule bucketedRule(ConfigPath path, String name, ShardingRules rules, Set<String> bucketed) {
        if (!rules.names().contains(name)) {
            throw path.fail("names no rule of shardkit.rules; bucketed rules are " + bucketed);
        }
        ShardingRule rule = rules.rule(name);
        if (!(rule.strategy() instanceof BucketedStrategy)) {
            throw path.fail("rule '" + name + "' is " + rule.strategy().describe() + ", but only a bucketed rule's "
                    + "buckets move; bucketed rules are " + bucketed, "Set " + ConfigPath.rule(name)
                    .child("strategy") + "=bucketed for a new rule, or remove " + path + ".", null);
        }
        return rule;
    }

    /**
     * How the rule's outbox events find their bucket, or {@code null} when none move. An event whose aggregate is
     * not of the listed types, or whose id is not one of the rule's keys, belongs to no bucket of the rule.
     */
    private static @Nullable OutboxBuckets outboxBuckets(ConfigPath path, String name, ReshardProperties.Rule declared,
                                                         @Nullable RuleProperties rule, BucketedStrategy strategy,
                                                         @Nullable OutboxProperties outbox,
                                                         Supplier<IdLayout> idLayout) {
        boolean shardkitLayout = outbox != null && outbox.getLayout() == OutboxLayout.SHARDKIT;
        ReshardProperties.OutboxBuckets mode = declared.getOutbox() != null ? declared.getOutbox()
                : shardkitLayout ? ReshardProperties.OutboxBuckets.BY_SHARD_KEY : ReshardProperties.OutboxBuckets.NONE;
        if (mode == ReshardProperties.OutboxBuckets.NONE) {
            return null;
        }
        ConfigPath at = path.child("outbox");
        String value = ShardkitPropertiesValidator.lower(mode);
        if (outbox == null) {
            throw at.fail("is " + value + " but the outbox is not enabled (" + OutboxProperties.PREFIX
                    + ".enabled=false), so there are no events to move; set it to none, or enable the outbox");
        }
        if (!shardkitLayout) {
            throw at.fail("is " + value + " but " + OutboxProperties.PREFIX + ".layout is "
                    + ShardkitPropertiesValidator.lower(outbox.getLayout()) + "; only the shardkit layout's pending "
                    + "events move with their bucket, so set it to none");
        }
        OutboxBuckets buckets = mode == ReshardProperties.OutboxBuckets.BY_SHARD_KEY
                ? byShardKey(path, name, rule, strategy) : byBucketedId(strategy, idLayout.get());
        List<String> types = List.copyOf(declared.getOutboxAggregateTypes());
        return (type, id) -> {
            if (!types.isEmpty() && !types.contains(type)) {
                return -1;
            }
            try {
                return buckets.bucketOf(type, id);
            } catch (IllegalArgumentException notAKey) {
                return -1;
            }
        };
    }

    private static OutboxBuckets byShardKey(ConfigPath path, String name, @Nullable RuleProperties rule,
                                            BucketedStrategy strategy) {
        ShardKeyType type = rule == null ? null : rule.getKeyType();
        if (type == null) {
            throw ConfigPath.rule(name).child("key-type").fail("is not set, but " + path.child("outbox")
                    + " is by-shard-key, which reads each outbox event's aggregate id as a key of the rule; set the "
                    + "rule's key-type (long, integer, string, uuid, ...), or set " + path.child("outbox")
                    + " to by-bucketed-id or none");
        }
        return OutboxBuckets.byShardKey(strategy, type::parse);
    }

    /** The ids must be able to carry every bucket: core's bucketed-id strategy says so if they cannot. */
    private static OutboxBuckets byBucketedId(BucketedStrategy strategy, IdLayout layout) {
        IdGeneratorFactory.bucketedId(strategy, layout);
        return OutboxBuckets.byBucketedId(layout);
    }
}
