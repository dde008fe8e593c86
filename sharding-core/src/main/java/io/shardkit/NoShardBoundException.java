package io.shardkit;

/**
 * A connection was asked of the routing DataSource while no shard was bound to the current thread. shardkit
 * never falls back to a silently chosen shard: route the call first ({@code @Sharded}, or
 * {@link ShardContext#bind(Shard)}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public class NoShardBoundException extends ShardingException {

    private static final long serialVersionUID = 1L;

    public NoShardBoundException(String dataSource) {
        super("No shard is bound to thread [" + Thread.currentThread().getName() + "] while getting a connection from ["
                + dataSource + "]; route the call first (@Sharded or ShardContext.bind(shard)) or configure a "
                + "default shard on purpose");
    }
}
