package io.shardkit.spring.reshard;

import io.shardkit.ShardingException;
import java.util.Collection;

/**
 * A rule asked of {@link Resharders} that has no mover (it is not declared under {@code shardkit.reshard.rules}) or
 * no bucket fence (it is not a bucketed rule). Names the rule and the rules that would do.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class UnknownReshardRuleException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private UnknownReshardRuleException(String message, String rule) {
        super(message, rule, null, null, null);
    }

    /** {@code No resharder for rule 'order'; rules declared under shardkit.reshard.rules are [orders]}. */
    public static UnknownReshardRuleException noResharder(String rule, Collection<String> declared) {
        return new UnknownReshardRuleException("No resharder for rule '" + rule + "'; rules declared under "
                + "shardkit.reshard.rules are " + declared, rule);
    }

    /** {@code Rule 'prices' is not bucketed, so it has no bucket writes; bucketed rules are [orders]}. */
    public static UnknownReshardRuleException notBucketed(String rule, Collection<String> bucketed) {
        return new UnknownReshardRuleException("Rule '" + rule + "' is not a bucketed rule of shardkit.rules, so it "
                + "has no bucket writes; bucketed rules are " + bucketed, rule);
    }
}
