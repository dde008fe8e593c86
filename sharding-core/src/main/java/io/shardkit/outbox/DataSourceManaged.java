package io.shardkit.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@link TransactionalConnections#dataSourceManaged()}; stateless, thread-safe. */
enum DataSourceManaged implements TransactionalConnections {
    INSTANCE;

    @Override
    public Connection obtain(DataSource dataSource) throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void release(Connection connection, DataSource dataSource) throws SQLException {
        connection.close();
    }
}
