package io.shardkit;

import java.util.Collection;

/**
 * A rule name that no configured rule carries.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class UnknownRuleException extends ShardingException {

    private static final long serialVersionUID = 1L;

    public UnknownRuleException(String rule, Collection<String> knownRules) {
        super("Unknown sharding rule '" + rule + "'; known rules are " + knownRules, rule, null, null, null);
    }
}
