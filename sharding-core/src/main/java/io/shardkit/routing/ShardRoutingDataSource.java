package io.shardkit.routing;

import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardUnavailableException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} whose connections come from the shard bound to the calling thread by
 * {@link ShardContext}. Hand it to JdbcTemplate, a transaction manager or JPA in place of a single database.
 *
 * <p>With no shard bound, {@link #getConnection()} throws {@link NoShardBoundException}: shardkit never writes
 * to a silently chosen shard. Only when a default shard was configured on purpose
 * ({@link #withDefaultShard(Shard)}) does an unbound call go there.
 *
 * <p>A shard that cannot hand out a connection within its pool's connection timeout fails with
 * {@link ShardUnavailableException} naming the shard; the other shards are unaffected.
 *
 * <p>The shard is chosen when the connection is taken: bind first, then open the transaction. Immutable and
 * thread-safe.
 */
public final class ShardRoutingDataSource implements DataSource {

    private final String name;
    private final @Nullable Shard defaultShard;

    private ShardRoutingDataSource(String name, @Nullable Shard defaultShard) {
        this.name = name;
        this.defaultShard = defaultShard;
    }

    /** A routing DataSource that refuses unbound calls. */
    public static ShardRoutingDataSource create() {
        return new ShardRoutingDataSource("shardkit-routing", null);
    }

    /** A routing DataSource that sends unbound calls to {@code defaultShard}. Use with care. */
    public static ShardRoutingDataSource withDefaultShard(Shard defaultShard) {
        return new ShardRoutingDataSource("shardkit-routing", java.util.Objects.requireNonNull(defaultShard,
                "defaultShard"));
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
        Shard shard = currentShard();
        try {
            return shard.dataSource().getConnection();
        } catch (SQLException ex) {
            throw unavailable(shard, ex);
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Shard shard = currentShard();
        try {
            return shard.dataSource().getConnection(username, password);
        } catch (SQLFeatureNotSupportedException ex) {
            // HikariCP refuses per-call credentials: a usage error, not a shard that is down.
            throw ex;
        } catch (SQLException ex) {
            throw unavailable(shard, ex);
        }
    }

    private static ShardUnavailableException unavailable(Shard shard, SQLException ex) {
        return new ShardUnavailableException(shard.name(), "could not get a connection: " + ex.getMessage(), ex);
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
