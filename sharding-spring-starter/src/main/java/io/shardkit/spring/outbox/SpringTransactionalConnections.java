package io.shardkit.spring.outbox;

import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.outbox.TransactionalConnections;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * {@link TransactionalConnections} through Spring's transaction synchronization: {@link OutboxWriter#append(
 * DataSource, OutboxEvent)} on the routing DataSource inside a {@code @Transactional} method gets that
 * transaction's connection (so the event lands on the bound shard and commits or rolls back with the business
 * rows), and gives it back without closing it.
 *
 * <p>Outside a transaction {@link DataSourceUtils} hands out a fresh connection in auto-commit mode, which the
 * writer refuses with {@code OutboxTransactionRequiredException}; so does a transaction managed for another
 * DataSource than the one passed. A shardkit failure on the routing DataSource (no shard bound, the shard down)
 * comes through typed, not wrapped in a Spring exception.
 *
 * <p>Stateless and thread-safe.
 */
public final class SpringTransactionalConnections implements TransactionalConnections {

    @Override
    public Connection obtain(DataSource dataSource) throws SQLException {
        try {
            return DataSourceUtils.getConnection(dataSource);
        } catch (CannotGetJdbcConnectionException ex) {
            // DataSourceUtils wraps the driver's SQLException; hand the core the original, which it reports.
            if (ex.getCause() instanceof SQLException cause) {
                throw cause;
            }
            throw ex;
        }
    }

    @Override
    public void release(Connection connection, DataSource dataSource) {
        DataSourceUtils.releaseConnection(connection, dataSource);
    }

    @Override
    public String toString() {
        return "SpringTransactionalConnections";
    }
}
