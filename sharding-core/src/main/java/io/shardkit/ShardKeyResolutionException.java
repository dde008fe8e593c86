package io.shardkit;

import org.jspecify.annotations.Nullable;

/**
 * The shard key could not be resolved from a call's arguments: a key expression failed to evaluate, or a
 * property path did not exist on the argument it was applied to. Raised before any shard is chosen.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ShardKeyResolutionException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final String expression;

    /**
     * @param rule       the rule the key was meant for
     * @param expression the key expression or property path, as written
     * @param where      where the expression is declared (e.g. {@code OrderRepository.insert(Order)})
     * @param detail     what went wrong
     * @param cause      the underlying failure, or {@code null}
     */
    public ShardKeyResolutionException(String rule, String expression, String where, String detail,
                                       @Nullable Throwable cause) {
        super("Rule '" + rule + "': could not resolve the shard key [" + expression + "] of " + where + ": " + detail,
                rule, null, null, cause);
        this.expression = expression;
    }

    /** The key expression or property path that failed, as written. */
    public String getExpression() {
        return expression;
    }
}
