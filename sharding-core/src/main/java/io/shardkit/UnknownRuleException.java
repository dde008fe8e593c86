package io.shardkit;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * A rule name that no configured rule carries.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class UnknownRuleException extends ShardingException {

    private static final long serialVersionUID = 1L;

    public UnknownRuleException(String rule, Collection<String> knownRules) {
        this(rule, knownRules, null);
    }

    /** @param where who asked for the rule (e.g. an annotated method), or {@code null} */
    public UnknownRuleException(String rule, Collection<String> knownRules, @Nullable String where) {
        super("Unknown sharding rule '" + rule + "'" + (where == null ? "" : " (named by " + where + ")")
                + "; known rules are " + knownRules, rule, null, null, null);
    }
}
