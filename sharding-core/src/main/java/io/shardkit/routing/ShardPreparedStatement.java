package io.shardkit.routing;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.NullUnmarked;

/**
 * A prepared statement of a {@link ShardConnection}: executing it, or adding its parameters to a batch, first
 * checks that no other shard is bound, as {@link ShardStatement} does for SQL passed in; a lost connection
 * surfaces as {@code ShardUnavailableException}.
 *
 * <p>Not thread-safe beyond what the wrapped statement is.
 */
@NullUnmarked // JDBC's nullness is the driver's; these methods pass values through.
final class ShardPreparedStatement extends ForwardingPreparedStatement {

    ShardPreparedStatement(ShardConnection connection, PreparedStatement delegate) {
        super(connection, delegate);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        connection.checkShard("executeQuery");
        try {
            return delegate.executeQuery();
        } catch (SQLException ex) {
            throw connection.failedRunning(ex, "executeQuery");
        }
    }

    @Override
    public int executeUpdate() throws SQLException {
        connection.checkWrite("executeUpdate");
        try {
            return delegate.executeUpdate();
        } catch (SQLException ex) {
            throw connection.failedRunning(ex, "executeUpdate");
        }
    }

    @Override
    public boolean execute() throws SQLException {
        connection.checkWrite("execute");
        try {
            return delegate.execute();
        } catch (SQLException ex) {
            throw connection.failedRunning(ex, "execute");
        }
    }

    @Override
    public void addBatch() throws SQLException {
        connection.checkShard("addBatch");
        try {
            delegate.addBatch();
        } catch (SQLException ex) {
            throw connection.failed(ex, "addBatch");
        }
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        connection.checkWrite("executeLargeUpdate");
        try {
            return delegate.executeLargeUpdate();
        } catch (SQLException ex) {
            throw connection.failedRunning(ex, "executeLargeUpdate");
        }
    }

}
