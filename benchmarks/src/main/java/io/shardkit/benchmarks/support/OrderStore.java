package io.shardkit.benchmarks.support;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * One peer's way to reach the shard of an order: every implementation runs {@link OrderSql}'s statements and
 * differs only in how the shard is chosen.
 *
 * <p>Implementations are thread-safe.
 */
public interface OrderStore extends AutoCloseable {

    /** The order with that id, read from its shard; {@code null} when there is none. */
    @Nullable Order find(long orderId) throws SQLException;

    /** Inserts the order on its shard in a transaction of its own. */
    void insert(Order order) throws SQLException;

    /** Closes the pools this store opened. */
    @Override
    void close();
}
