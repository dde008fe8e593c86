package io.shardkit;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * A rule name that no configured rule carries, or no rule named where no default rule is configured.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class UnknownRuleException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private UnknownRuleException(String message, @Nullable String rule) {
        super(message, rule, null, null, null);
    }

    /** {@code Unknown sharding rule 'order'; known rules are [orders, order-ids]}. */
    public static UnknownRuleException of(String rule, Collection<String> knownRules) {
        return namedBy(rule, knownRules, null);
    }

    /**
     * {@code Unknown sharding rule 'order' (named by OrderRepository.find(long)); known rules are [orders]}.
     *
     * @param where who asked for the rule (e.g. an annotated method), or {@code null}
     */
    public static UnknownRuleException namedBy(String rule, Collection<String> knownRules, @Nullable String where) {
        return new UnknownRuleException("Unknown sharding rule '" + rule + "'"
                + (where == null ? "" : " (named by " + where + ")") + "; known rules are " + knownRules, rule);
    }

    /**
     * No rule was named and no default rule is configured ({@code shardkit.default-rule} with the starter):
     * {@code OrderRepository.find(long) names no rule and shardkit.default-rule is not set; name one of
     * [orders] or set a default rule}. {@link #getRule()} is {@code null}.
     *
     * @param where who named no rule (e.g. an annotated method), or {@code null}
     */
    public static UnknownRuleException noDefault(Collection<String> knownRules, @Nullable String where) {
        return new UnknownRuleException((where == null ? "No rule named" : where + " names no rule")
                + " and shardkit.default-rule is not set; name one of " + knownRules + " or set a default rule",
                null);
    }
}
