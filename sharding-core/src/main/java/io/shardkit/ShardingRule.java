package io.shardkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named rule: a {@link ShardingStrategy} over an ordered list of shards. The strategy picks a slot; the slot
 * picks the shard. The rule is what annotations name ({@code @Sharded(rule = "orders")}).
 *
 * <p>Immutable and thread-safe. {@link #shardOf(Object)} is an array read after the strategy.
 */
public final class ShardingRule {

    private final String name;
    private final Shard[] shards;
    private final List<Shard> shardList;
    private final ShardingStrategy strategy;

    /**
     * @param name     the rule's name
     * @param shards   the shards the strategy's slots stand for, slot 0 first
     * @param strategy the strategy; its {@link ShardingStrategy#shardCount()} must equal {@code shards.size()},
     *                 and a {@link NamedShardingStrategy} must name exactly these shards in this order
     */
    public ShardingRule(String name, List<Shard> shards, ShardingStrategy strategy) {
        this.name = Objects.requireNonNull(name, "name");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.shardList = List.copyOf(Objects.requireNonNull(shards, "shards"));
        if (shardList.isEmpty()) {
            throw new ShardingConfigurationException("Rule '" + name + "' has no shards");
        }
        if (strategy.shardCount() != shardList.size()) {
            throw new ShardingConfigurationException("Rule '" + name + "': strategy " + strategy.describe()
                    + " maps to " + strategy.shardCount() + " shards but the rule lists " + shardList.size());
        }
        if (shardList.stream().map(Shard::name).distinct().count() != shardList.size()) {
            throw new ShardingConfigurationException("Rule '" + name + "' lists a shard twice: " + names(shardList));
        }
        if (strategy instanceof NamedShardingStrategy named && !named.shardNames().equals(names(shardList))) {
            throw new ShardingConfigurationException("Rule '" + name + "': strategy " + strategy.describe()
                    + " places keys on shards " + named.shardNames() + " (slot order) but the rule lists "
                    + names(shardList) + "; build the rule with ShardingRule.of(name, registry, strategy)");
        }
        this.shards = shardList.toArray(new Shard[0]);
    }

    /**
     * A rule over the shards a {@link NamedShardingStrategy} names, looked up in {@code registry}; the slots and
     * the shard list agree by construction.
     *
     * @throws UnknownShardException naming the rule, the shard and the registry's shards when a name is unknown
     */
    public static ShardingRule of(String name, ShardRegistry registry, NamedShardingStrategy strategy) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(strategy, "strategy");
        List<Shard> shards = new ArrayList<>(strategy.shardCount());
        for (String shard : strategy.shardNames()) {
            if (!registry.contains(shard)) {
                throw new UnknownShardException(name, shard, registry.names());
            }
            shards.add(registry.shard(shard));
        }
        return new ShardingRule(name, shards, strategy);
    }

    /**
     * A rule over every shard of {@code registry}, in registry order. For a {@link NamedShardingStrategy} the
     * registry must hold exactly its shards in its slot order; prefer {@link #of} there.
     */
    public static ShardingRule over(String name, ShardRegistry registry, ShardingStrategy strategy) {
        return new ShardingRule(name, registry.shards(), strategy);
    }

    public String name() {
        return name;
    }

    public ShardingStrategy strategy() {
        return strategy;
    }

    /** The rule's shards, slot 0 first. */
    public List<Shard> shards() {
        return shardList;
    }

    /** The shard that holds {@code key}; typed {@link ShardingException}s for keys the rule can't place. */
    public Shard shardOf(@Nullable Object key) {
        return shards[strategy.shardOf(name, key)];
    }

    /** The shards owning {@code keys}, each with its keys in the order given; shards owning none are absent. */
    public <K> List<ShardKeys<K>> groupByShard(Iterable<? extends K> keys) {
        List<KeyGroup<K>> groups = strategy.groupByShard(name, keys);
        List<ShardKeys<K>> result = new ArrayList<>(groups.size());
        for (KeyGroup<K> g : groups) {
            result.add(new ShardKeys<>(shards[g.shard()], g.keys()));
        }
        return result;
    }

    /** The shards that can hold keys in {@code range}, in slot order. */
    public List<Shard> shardsFor(KeyRange<?> range) {
        int[] slots = strategy.shardsFor(name, range);
        List<Shard> result = new ArrayList<>(slots.length);
        for (int slot : slots) {
            result.add(shards[slot]);
        }
        return result;
    }

    @Override
    public String toString() {
        return "ShardingRule[" + name + ", " + strategy.describe() + ", shards=" + names(shardList) + "]";
    }

    private static List<String> names(List<Shard> shards) {
        return shards.stream().map(Shard::name).toList();
    }

    /**
     * One shard and the keys it owns.
     *
     * @param shard the shard
     * @param keys  its keys, in the order the caller gave them; never empty
     */
    public record ShardKeys<K>(Shard shard, List<K> keys) {
    }
}
