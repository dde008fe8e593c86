package io.shardkit;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a unit of work must do in each transaction before its first write, bound with its shard
 * ({@link ShardContext#bind(Shard, TransactionFence)}). The connections of {@code ShardRoutingDataSource} call
 * {@link #enter} once per transaction, just before the first statement that may write ({@code executeUpdate},
 * {@code execute}, {@code executeBatch} and their large forms; {@code executeQuery} never), on the underlying
 * connection and in that transaction. A bucketed rule's writes use it to take their bucket's fence
 * ({@code io.shardkit.bucket.BucketWrites#fence}), so a write routed by an annotation is fenced like one made
 * through {@code BucketWrites.write}.
 *
 * <p>Implementations are immutable and thread-safe; one is made per routed call.
 */
public interface TransactionFence {

    /**
     * Runs the fence in {@code connection}'s open transaction on {@code shard}; throws to refuse the write (the
     * transaction is then the caller's to roll back).
     */
    void enter(Connection connection, Shard shard) throws SQLException;

    /**
     * The exception for a statement that may write, run in auto-commit mode: the fence needs a transaction to
     * hold it until the write commits, so such a write is refused before it reaches the server.
     *
     * @param operation the JDBC call refused, e.g. {@code executeUpdate}
     */
    ShardingException outsideTransaction(Shard shard, String operation);
}
