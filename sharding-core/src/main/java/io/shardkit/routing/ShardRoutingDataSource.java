package io.shardkit.routing;

import io.shardkit.CrossShardTransactionException;
import io.shardkit.MixedShardDatabasesException;
import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardPoolState;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardUnavailableException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} whose connections come from the shard bound to the calling thread by
 * {@link ShardContext}. Hand it to JdbcTemplate, a transaction manager or JPA in place of a single database.
 *
 * <p>With no shard bound, {@link #getConnection()} never hands out a shard's connection: shardkit never writes
 * to a silently chosen shard. A routing DataSource that knows the registry ({@link #create(ShardRegistry)}, what
 * the Spring Boot starter makes) answers with a <em>metadata-only</em> connection: what frameworks ask at start-up
 * (Spring Data JDBC's and Hibernate's dialect detection, Boot's "is it embedded?") is answered from the shards
 * themselves, which must all run the same kind of database ({@link MixedShardDatabasesException} otherwise), while
 * every statement, transaction or setter on it is {@link NoShardBoundException}. Without a registry
 * ({@link #create()}) the unbound {@code getConnection()} itself is {@link NoShardBoundException}. Only when a
 * default shard was configured on purpose ({@link #withDefaultShard(Shard)}) does an unbound call go there.
 *
 * <p>A shard that cannot hand out a connection within its pool's connection timeout fails with
 * {@link ShardUnavailableException} naming the shard and its pool's state; the other shards are unaffected.
 *
 * <p>The shard is chosen when the connection is taken: bind first, then open the transaction. The connection
 * stays tied to that shard: a statement created or run on it while another shard is bound is refused with
 * {@link CrossShardTransactionException} before it reaches the database, and a driver error meaning the
 * connection is lost surfaces as {@link ShardUnavailableException}, the connection evicted from its pool (see
 * {@code docs/connection-guard.md} for what is covered). Immutable and thread-safe.
 */
public final class ShardRoutingDataSource implements DataSource {

    private static final Supplier<@Nullable String> NO_TRANSACTION_NAMES = () -> null;

    private final String name;
    private final @Nullable Shard defaultShard;
    private final UnboundConnections unbound;
    private final Supplier<@Nullable String> transactionNames;

    private ShardRoutingDataSource(String name, @Nullable Shard defaultShard, UnboundConnections unbound,
                                   Supplier<@Nullable String> transactionNames) {
        this.name = name;
        this.defaultShard = defaultShard;
        this.unbound = unbound;
        this.transactionNames = transactionNames;
    }

    private ShardRoutingDataSource(String name, @Nullable Shard defaultShard, @Nullable ShardRegistry registry) {
        this(name, defaultShard, new UnboundConnections(name, registry), NO_TRANSACTION_NAMES);
    }

    /** A routing DataSource that refuses unbound calls, {@code getConnection()} included. */
    public static ShardRoutingDataSource create() {
        return new ShardRoutingDataSource("shardkit-routing", null, null);
    }

    /**
     * A routing DataSource whose unbound {@code getConnection()} is a metadata-only connection answered by the
     * shards of {@code registry} (see the class comment); anything it would run is {@link NoShardBoundException}.
     */
    public static ShardRoutingDataSource create(ShardRegistry registry) {
        return new ShardRoutingDataSource("shardkit-routing", null, java.util.Objects.requireNonNull(registry,
                "registry"));
    }

    /** A routing DataSource that sends unbound calls to {@code defaultShard}. Use with care. */
    public static ShardRoutingDataSource withDefaultShard(Shard defaultShard) {
        return new ShardRoutingDataSource("shardkit-routing", java.util.Objects.requireNonNull(defaultShard,
                "defaultShard"), null);
    }

    /**
     * A copy that names, in a {@link CrossShardTransactionException} about a connection held by an open
     * transaction, the method that opened it, as {@code currentTransactionName} answers on the failing thread
     * ({@code null} when not known). Asked only on the way to that error. The starter passes Spring's current
     * transaction name.
     */
    public ShardRoutingDataSource namingTransactionsBy(Supplier<@Nullable String> currentTransactionName) {
        return new ShardRoutingDataSource(name, defaultShard, unbound,
                Objects.requireNonNull(currentTransactionName, "currentTransactionName"));
    }

    /** The shard a connection taken now would come from. */
    public Shard currentShard() {
        Shard shard = ShardContext.current();
        if (shard != null) {
            return shard;
        }
        if (defaultShard != null) {
            return defaultShard;
        }
        throw new NoShardBoundException(name);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (ShardContext.current() == null && defaultShard == null) {
            return unbound.open();
        }
        Shard shard = currentShard();
        Connection connection;
        try {
            connection = shard.dataSource().getConnection();
        } catch (SQLException ex) {
            throw unavailable(shard, ex);
        }
        return new ShardConnection(shard, connection, transactionNames);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        if (ShardContext.current() == null && defaultShard == null) {
            return unbound.open();
        }
        Shard shard = currentShard();
        try {
            return new ShardConnection(shard, shard.dataSource().getConnection(username, password),
                    transactionNames);
        } catch (SQLFeatureNotSupportedException ex) {
            // HikariCP refuses per-call credentials: a usage error, not a shard that is down.
            throw ex;
        } catch (SQLException ex) {
            throw unavailable(shard, ex);
        }
    }

    private static ShardUnavailableException unavailable(Shard shard, SQLException ex) {
        return ShardUnavailableException.noConnection(shard.name(), ShardPoolState.of(shard.dataSource()), ex);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("ShardRoutingDataSource is not a wrapper for [" + iface.getName() + "]");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) {
        throw new UnsupportedOperationException("setLogWriter: configure logging on each shard's DataSource");
    }

    @Override
    public void setLoginTimeout(int seconds) {
        throw new UnsupportedOperationException("setLoginTimeout: configure the timeout on each shard's pool");
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("getParentLogger");
    }

    @Override
    public String toString() {
        return "ShardRoutingDataSource[default=" + (defaultShard == null ? "none" : defaultShard.name()) + "]";
    }
}
