package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.ShardPoolConfig;

/**
 * Adjusts a shard's pool in code after {@code shardkit.shards.<name>.*} has been applied and before the pool
 * starts, e.g. to add driver properties read from a secret store. Declare it as a bean; every customizer is
 * called for every shard shardkit builds, in {@link org.springframework.core.Ordered} order.
 *
 * <p>Called once per shard at start-up, on one thread.
 */
@FunctionalInterface
public interface ShardPoolCustomizer {

    /**
     * @param shard the shard's name
     * @param pool  its pool configuration so far; the setters validate what they are given
     */
    void customize(String shard, ShardPoolConfig.Builder pool);
}
