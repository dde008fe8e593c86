package io.shardkit.benchmarks.support;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link OrderSql}'s statements on one DataSource that does its own routing (Spring's routing DataSource,
 * ShardingSphere's); it knows nothing about shards and closes nothing.
 *
 * <p>Thread-safe when the DataSource is.
 */
final class DataSourceStore implements OrderStore {

    private final DataSource dataSource;

    DataSourceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public @Nullable Order find(long orderId) throws SQLException {
        return OrderSql.find(dataSource, orderId);
    }

    @Override
    public void insert(Order order) throws SQLException {
        OrderSql.insert(dataSource, order);
    }

    /** The DataSource belongs to whoever created this store. */
    @Override
    public void close() {
    }
}
