package io.shardkit.it.support;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;

/**
 * Customer ids a test needs on a given shard.
 *
 * <p>Stateless and thread-safe.
 */
public final class Customers {

    private Customers() {
    }

    /** The smallest positive customer id that {@code rule} routes to {@code shard}. */
    public static long firstOn(ShardingRule rule, Shard shard) {
        for (long customer = 1; ; customer++) {
            if (rule.shardOf(customer).equals(shard)) {
                return customer;
            }
        }
    }
}
