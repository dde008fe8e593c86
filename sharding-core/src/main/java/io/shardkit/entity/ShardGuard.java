package io.shardkit.entity;

import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks, before a write, that a row's own shard key routes to the shard the write runs on: what shardkit's Spring
 * Data JDBC and Hibernate integrations call before every insert and update of an entity that
 * {@linkplain EntityShardKeys declares a key}, and what code on JdbcTemplate can call itself:
 *
 * <pre>{@code
 * @Sharded(rule = "orders", key = "#order.customerId")
 * @Transactional
 * public void place(Order order, Order forFriend) {
 *     jdbc.update(INSERT, order.id(), order.customerId());
 *     guard.checkKey("orders", forFriend.customerId());       // WrongShardWriteException: another shard's key
 *     jdbc.update(INSERT, forFriend.id(), forFriend.customerId());
 * }
 * }</pre>
 *
 * <p>A type that declares no key is not checked (it is reference data, or its rows are checked by
 * {@code ShardAudit} afterwards). A null key, or one its rule cannot take, is the rule's own
 * {@link io.shardkit.InvalidShardKeyException}; an unknown rule {@link io.shardkit.UnknownRuleException}.
 *
 * <p>Immutable and thread-safe; a check costs one rule lookup and one key routing.
 */
public final class ShardGuard {

    private final ShardingRules rules;
    private final EntityShardKeys keys;

    private ShardGuard(ShardingRules rules, EntityShardKeys keys) {
        this.rules = rules;
        this.keys = keys;
    }

    /** A guard reading entity keys from {@link io.shardkit.annotation.ShardKey} annotations. */
    public static ShardGuard of(ShardingRules rules) {
        return of(rules, EntityShardKeys.annotated());
    }

    /** A guard reading entity keys as {@code keys} declares them. */
    public static ShardGuard of(ShardingRules rules, EntityShardKeys keys) {
        return new ShardGuard(Objects.requireNonNull(rules, "rules"), Objects.requireNonNull(keys, "keys"));
    }

    /** Where {@code type} keeps its shard key; empty when it is not checked. */
    public Optional<EntityShardKey> keyOf(Class<?> type) {
        return keys.of(type);
    }

    /**
     * Checks {@code entity} against the shard bound to this thread.
     *
     * @throws WrongShardWriteException when its key routes to another shard
     * @throws NoShardBoundException when it declares a key and no shard is bound (the write could go nowhere)
     */
    public void checkEntity(Object entity) {
        Objects.requireNonNull(entity, "entity");
        Optional<EntityShardKey> key = keys.of(entity.getClass());
        if (key.isPresent()) {
            check(key.get(), entity, bound().name());
        }
    }

    /**
     * Checks {@code entity} against {@code targetShard}, the shard the write goes to (e.g. a Hibernate session's
     * tenant).
     *
     * @throws WrongShardWriteException when its key routes to another shard
     */
    public void checkEntity(Object entity, String targetShard) {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(targetShard, "targetShard");
        Optional<EntityShardKey> key = keys.of(entity.getClass());
        if (key.isPresent()) {
            check(key.get(), entity, targetShard);
        }
    }

    /**
     * Checks that {@code key} routes by {@code rule} (empty: the default rule) to the shard bound to this thread.
     *
     * @throws WrongShardWriteException when it routes to another shard
     * @throws NoShardBoundException when no shard is bound
     */
    public void checkKey(String rule, Object key) {
        ShardingRule r = rules.ruleOrDefault(Objects.requireNonNull(rule, "rule"));
        String target = bound().name();
        Shard shard = r.shardOf(key);
        if (!shard.name().equals(target)) {
            throw WrongShardWriteException.key(r.name(), key, shard.name(), target);
        }
    }

    private void check(EntityShardKey declared, Object entity, String target) {
        ShardingRule rule = rules.ruleOrDefault(declared.rule());
        Object key = declared.keyOf(entity);
        Shard shard = rule.shardOf(key);
        if (!shard.name().equals(target)) {
            throw WrongShardWriteException.entity(rule.name(), entity.getClass(), declared.property(),
                    Objects.requireNonNull(key, "a key the rule routed"), shard.name(), target);
        }
    }

    private static Shard bound() {
        Shard shard = ShardContext.current();
        if (shard == null) {
            throw new NoShardBoundException("ShardGuard");
        }
        return shard;
    }
}
