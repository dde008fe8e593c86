package io.shardkit.routing;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.TransactionFence;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * The connection {@link ShardRoutingDataSource} hands out: tied to the shard that was bound when it was taken.
 * Creating a statement on it ({@code createStatement}, {@code prepareStatement}, {@code prepareCall}),
 * {@code nativeSQL}, and executing or batching any of its statements first checks the shard bound to the calling
 * thread: when another shard is bound, the call is refused with {@link CrossShardTransactionException} before
 * anything reaches the database, naming both shards and, for a connection in an open transaction, the method that
 * opened it (when the routing DataSource knows transaction names). So code that binds a second shard inside a
 * transaction, and then writes through the transaction's connection, fails instead of writing the second shard's
 * row to the first shard. With nothing bound (a default shard, or a connection used after its scope) the call
 * runs: there is no second shard to confuse it with.
 *
 * <p>Cost per call: one thread-local read and a reference comparison; statements are wrapped in one small object
 * each. {@link #unwrap} to {@code Connection} (or to this type) answers this guarded connection; unwrapping to the
 * pool's or the driver's own type answers that object, which is not guarded.
 *
 * <p>Not thread-safe, as JDBC connections are not.
 */
@NullUnmarked // JDBC's nullness is the driver's; these methods pass values through.
final class ShardConnection extends LossAwareConnection {

    private final Supplier<@Nullable String> transactionNames;
    /** The fence this connection's open transaction has entered, if any ({@link TransactionFence}). */
    private @Nullable TransactionFence entered;

    ShardConnection(Shard shard, Connection delegate, Supplier<@Nullable String> transactionNames) {
        super(shard, delegate);
        this.transactionNames = transactionNames;
    }

    /** Refuses {@code operation} when a shard other than this connection's is bound to the calling thread. */
    void checkShard(String operation) {
        Shard bound = ShardContext.current();
        if (bound != shard && bound != null && !bound.equals(shard)) {
            throw crossShard(bound, operation);
        }
    }

    /**
     * {@link #checkShard}, for a statement that may write: when the binding carries a {@link TransactionFence} this
     * transaction has not entered yet, enters it first, on the underlying connection; in auto-commit mode such a
     * write is refused with the fence's exception, as it could not hold the fence until it commits.
     */
    void checkWrite(String operation) throws SQLException {
        checkShard(operation);
        TransactionFence fence = ShardContext.currentFence();
        if (fence != null && fence != entered) {
            enter(fence, operation);
        }
    }

    private void enter(TransactionFence fence, String operation) throws SQLException {
        if (autoCommitOn()) {
            throw fence.outsideTransaction(shard, operation);
        }
        try {
            fence.enter(delegate, shard);
        } catch (SQLException ex) {
            throw failedRunning(ex, operation);
        }
        entered = fence;
    }

    @Override
    void transactionEnded() {
        entered = null;
    }

    private CrossShardTransactionException crossShard(Shard bound, String operation) {
        boolean inTransaction = inTransaction();
        return CrossShardTransactionException.connectionOfAnotherShard(shard.name(), bound.name(), operation,
                inTransaction, inTransaction ? transactionNames.get() : null);
    }

    /** The shard this connection belongs to. */
    Shard shard() {
        return shard;
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkShard("createStatement");
        try {
            return statement(delegate.createStatement());
        } catch (SQLException ex) {
            throw failed(ex, "createStatement");
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkShard("prepareStatement");
        try {
            return prepared(delegate.prepareStatement(sql));
        } catch (SQLException ex) {
            throw failed(ex, "prepareStatement");
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        checkShard("prepareCall");
        try {
            return callable(delegate.prepareCall(sql));
        } catch (SQLException ex) {
            throw failed(ex, "prepareCall");
        }
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkShard("nativeSQL");
        try {
            return delegate.nativeSQL(sql);
        } catch (SQLException ex) {
            throw failed(ex, "nativeSQL");
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        checkShard("createStatement");
        try {
            return statement(delegate.createStatement(resultSetType, resultSetConcurrency));
        } catch (SQLException ex) {
            throw failed(ex, "createStatement");
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType,
                                              int resultSetConcurrency) throws SQLException {
        checkShard("prepareStatement");
        try {
            return prepared(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency));
        } catch (SQLException ex) {
            throw failed(ex, "prepareStatement");
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        checkShard("prepareCall");
        try {
            return callable(delegate.prepareCall(sql, resultSetType, resultSetConcurrency));
        } catch (SQLException ex) {
            throw failed(ex, "prepareCall");
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency,
                                     int resultSetHoldability) throws SQLException {
        checkShard("createStatement");
        try {
            return statement(delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
        } catch (SQLException ex) {
            throw failed(ex, "createStatement");
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        checkShard("prepareStatement");
        try {
            return prepared(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
        } catch (SQLException ex) {
            throw failed(ex, "prepareStatement");
        }
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        checkShard("prepareCall");
        try {
            return callable(delegate.prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability));
        } catch (SQLException ex) {
            throw failed(ex, "prepareCall");
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        checkShard("prepareStatement");
        try {
            return prepared(delegate.prepareStatement(sql, autoGeneratedKeys));
        } catch (SQLException ex) {
            throw failed(ex, "prepareStatement");
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        checkShard("prepareStatement");
        try {
            return prepared(delegate.prepareStatement(sql, columnIndexes));
        } catch (SQLException ex) {
            throw failed(ex, "prepareStatement");
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        checkShard("prepareStatement");
        try {
            return prepared(delegate.prepareStatement(sql, columnNames));
        } catch (SQLException ex) {
            throw failed(ex, "prepareStatement");
        }
    }


    private Statement statement(Statement statement) {
        return new ShardStatement<>(this, statement);
    }

    private PreparedStatement prepared(PreparedStatement statement) {
        return new ShardPreparedStatement(this, statement);
    }

    private CallableStatement callable(CallableStatement statement) {
        return ShardCallableStatement.of(this, statement);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "ShardConnection[" + shard.name() + ": " + delegate + "]";
    }
}
