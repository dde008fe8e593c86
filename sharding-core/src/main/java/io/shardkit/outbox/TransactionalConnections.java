package io.shardkit.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How {@link OutboxWriter#append(DataSource, OutboxEvent)} finds the connection of the caller's current
 * transaction, and gives it back. The one hook between the Spring-free core and a transaction manager: the
 * Spring starter implements it with {@code DataSourceUtils.getConnection} / {@code releaseConnection}, so that
 * the event joins the {@code @Transactional} method's transaction on the bound shard.
 *
 * <p>{@link #dataSourceManaged()} is the core default: it takes {@link DataSource#getConnection()} and closes
 * it afterwards, which is right only for a transaction-aware DataSource (one whose {@code getConnection()}
 * returns the current transaction's connection and whose {@code close()} on it keeps it open, such as
 * Spring's {@code TransactionAwareDataSourceProxy}). With a plain pool the connection comes in auto-commit
 * mode and the writer refuses it with {@link OutboxTransactionRequiredException}, rather than commit the event
 * apart from the business rows.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TransactionalConnections {

    /** The connection the caller's current transaction runs on. */
    Connection obtain(DataSource dataSource) throws SQLException;

    /** Gives back a connection {@link #obtain(DataSource)} returned; must not end the caller's transaction. */
    void release(Connection connection, DataSource dataSource) throws SQLException;

    /** Trusts the DataSource to be transaction-aware: {@code getConnection()} to obtain, {@code close()} to release. */
    static TransactionalConnections dataSourceManaged() {
        return DataSourceManaged.INSTANCE;
    }
}
