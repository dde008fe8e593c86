package io.shardkit.benchmarks.support;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * The repository interface of peer (b'), as an application declares it: Spring proxies it with the
 * {@code @Sharded} advisor and the transaction interceptor ({@link ShardedOrderRepository} is the target).
 *
 * <p>Implementations are thread-safe.
 */
public interface OrderRepository {

    /** The order with that id, read from its shard; {@code null} when there is none. */
    @Nullable Order find(long orderId) throws SQLException;

    /** Inserts the order on its shard in a transaction of its own. */
    void insert(Order order) throws SQLException;
}
