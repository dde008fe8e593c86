package io.shardkit.benchmarks.support;

/**
 * The peers compared on the same shards with the same placement. A JMH {@code @Param} picks one per fork, so a
 * fork starts only the peer it measures.
 *
 * <p>Immutable and thread-safe.
 */
public enum Peer {

    /** (a) Plain JDBC to the right shard's pool, the shard computed inline: the floor. */
    DIRECT {
        @Override
        public OrderStore open(H2Shards shards, int poolSize) {
            return new DirectStore(shards, poolSize);
        }
    },
    /** (b) shardkit's core API: {@code ShardContext.bind(rule.shardOf(key))} and the routing DataSource. */
    SHARDKIT {
        @Override
        public OrderStore open(H2Shards shards, int poolSize) {
            return new ShardkitStore(shards, poolSize);
        }
    },
    /**
     * (b') shardkit through Spring: a {@code @Sharded} repository proxied by the starter's advisor, on the
     * starter's routing DataSource, the insert {@code @Transactional} on its transaction manager.
     */
    SHARDKIT_SPRING {
        @Override
        public OrderStore open(H2Shards shards, int poolSize) {
            return new SpringShardedStore(shards, poolSize, false);
        }
    },
    /**
     * (b') as it ran before meters were resolved once: the same application, its calls timed by a
     * {@link PerCallMeters} that builds and registers the timer on every call. A baseline, not a peer to pick.
     */
    SHARDKIT_SPRING_PER_CALL_METERS {
        @Override
        public OrderStore open(H2Shards shards, int poolSize) {
            return new SpringShardedStore(shards, poolSize, true);
        }
    },
    /** (c) Spring's AbstractRoutingDataSource with a ThreadLocal set by a small Spring AOP interceptor. */
    HAND_ROLLED {
        @Override
        public OrderStore open(H2Shards shards, int poolSize) {
            return new HandRolledStore(shards, poolSize);
        }
    },
    /** (d) Apache ShardingSphere-JDBC 5.5.2 from YAML, same placement through a CLASS_BASED algorithm. */
    SHARDING_SPHERE {
        @Override
        public OrderStore open(H2Shards shards, int poolSize) {
            return new ShardingSphereStore(shards, poolSize);
        }
    };

    /** Starts this peer on {@code shards} with pools of {@code poolSize} connections per shard. */
    public abstract OrderStore open(H2Shards shards, int poolSize);
}
