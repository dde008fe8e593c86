package io.shardkit.scatter;

/**
 * One shard's part of a scatter-gather. It runs on a worker thread with {@link ShardRequest#shard()} bound
 * through {@link io.shardkit.ShardContext}, so a JdbcTemplate over the routing DataSource reaches that shard.
 *
 * <p>Implementations must be thread-safe: the same instance runs for every shard at once. They should respond
 * to interruption (JDBC drivers abort a statement when the thread is interrupted or the statement cancelled),
 * because stragglers are interrupted when the call fails or times out.
 *
 * @param <K> the type of shard keys handed to each shard
 * @param <T> what one shard returns
 */
@FunctionalInterface
public interface ShardCall<K, T> {

    /** Does this shard's part. Any exception is this shard's failure, handled by the failure policy. */
    T call(ShardRequest<K> request) throws Exception;
}
