package io.shardkit.benchmarks.support;

import io.shardkit.annotation.ShardKey;
import io.shardkit.annotation.Sharded;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.annotation.Transactional;

/**
 * Peer (b')'s repository: {@code @Sharded} methods on the routing DataSource, the insert also
 * {@code @Transactional}, so that the starter's advisor binds the key's shard before the transaction opens on
 * it. Connections come through {@link DataSourceUtils}, as {@code JdbcTemplate} takes them, so that the insert
 * runs on the transaction's connection; the statements are {@link OrderSql}'s, as for every peer.
 *
 * <p>Thread-safe.
 */
public class ShardedOrderRepository implements OrderRepository {

    private final DataSource dataSource;

    /** @param dataSource the routing DataSource */
    public ShardedOrderRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    @Sharded(rule = H2Shards.RULE)
    public @Nullable Order find(@ShardKey long orderId) throws SQLException {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            return OrderSql.find(c, orderId);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    @Override
    @Sharded(rule = H2Shards.RULE)
    @Transactional(rollbackFor = SQLException.class)
    public void insert(@ShardKey("orderId") Order order) throws SQLException {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            OrderSql.insert(c, order);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }
}
