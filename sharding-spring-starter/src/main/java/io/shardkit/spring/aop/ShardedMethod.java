package io.shardkit.spring.aop;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One routed method, compiled once: its rule, its key resolver and how to name it in messages. The interceptor
 * keeps one per method; {@link #shardOf(Object)} is the hot path (a rule lookup on an immutable array).
 *
 * <p>Immutable and thread-safe.
 *
 * @see ShardedMethods
 */
public final class ShardedMethod {

    private final ShardingRule rule;
    private final ShardKeyResolver key;
    private final String where;

    /**
     * @param rule  the rule the method routes by
     * @param key   how its key is read from the arguments
     * @param where how messages name it, e.g. {@code OrderRepository.insert(Order)}
     */
    public ShardedMethod(ShardingRule rule, ShardKeyResolver key, String where) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.key = Objects.requireNonNull(key, "key");
        this.where = Objects.requireNonNull(where, "where");
    }

    public ShardingRule rule() {
        return rule;
    }

    public ShardKeyResolver keyResolver() {
        return key;
    }

    /** How messages name the method, e.g. {@code OrderRepository.insert(Order)}. */
    public String where() {
        return where;
    }

    /** The key of one call; see {@link ShardKeyResolver#resolve(Object[])}. */
    public @Nullable Object key(Object[] arguments) {
        return key.resolve(arguments);
    }

    /**
     * The shard of {@code key}. A null key, or one the rule's strategy does not take, is an
     * {@link InvalidShardKeyException} naming the rule, the method and the key expression; other refusals of the
     * strategy (a key out of every range, a malformed id, ...) pass through as they are.
     */
    public Shard shardOf(@Nullable Object key) {
        if (key == null) {
            throw invalid(null, "a non-null key", null);
        }
        try {
            return rule.shardOf(key);
        } catch (InvalidShardKeyException ex) {
            // Subclasses (a malformed id, ...) word their own message; only the plain refusal gains our context.
            if (ex.getClass() != InvalidShardKeyException.class) {
                throw ex;
            }
            throw invalid(key, ex.getExpected(), ex);
        }
    }

    private InvalidShardKeyException invalid(@Nullable Object value, String expected, @Nullable Throwable cause) {
        return new InvalidShardKeyException(rule.name(), value, expected, describeSource(), cause);
    }

    /** The method and its key expression, as exceptions name them. */
    public String describeSource() {
        return where + " key [" + key.expression() + "]";
    }

    @Override
    public String toString() {
        return "ShardedMethod[" + where + ", rule=" + rule.name() + ", key=" + key.expression() + "]";
    }
}
