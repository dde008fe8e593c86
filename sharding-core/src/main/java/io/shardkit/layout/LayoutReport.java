package io.shardkit.layout;

import java.util.List;
import java.util.Map;

/**
 * What a layout check found: the shards verified (and of those, the ones stamped now, on first start or when
 * newly added) and the shards that could not be reached, which stay unroutable until they check out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param layoutName the layout checked
 * @param verified   shards whose database holds the expected identity, index order
 * @param stamped    shards whose identity was written by this check (a subset of {@code verified})
 * @param down       shards that could not be reached
 * @param rules      the fingerprint of every rule, by rule name
 */
public record LayoutReport(String layoutName, List<String> verified, List<String> stamped, List<String> down,
                           Map<String, RuleFingerprint> rules) {

    public LayoutReport {
        verified = List.copyOf(verified);
        stamped = List.copyOf(stamped);
        down = List.copyOf(down);
        rules = Map.copyOf(rules);
    }
}
