package io.shardkit;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A shard's DataSource behind its {@link ShardGate}: each connection is admitted by the gate first, then taken from
 * the raw DataSource. {@link #unwrap} reaches the raw DataSource on purpose (pool metrics, schema tools).
 *
 * <p>Thread-safe; immutable.
 */
final class GatedDataSource implements DataSource {

    private final Shard shard;
    private final ShardGate gate;
    private final DataSource raw;

    GatedDataSource(Shard shard, ShardGate gate, DataSource raw) {
        this.shard = shard;
        this.gate = gate;
        this.raw = raw;
    }

    @Override
    public Connection getConnection() throws SQLException {
        gate.admit(shard);
        return raw.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        gate.admit(shard);
        return raw.getConnection(username, password);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return iface.isInstance(raw) ? iface.cast(raw) : raw.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || iface.isInstance(raw) || raw.isWrapperFor(iface);
    }

    @Override
    public @Nullable PrintWriter getLogWriter() throws SQLException {
        return raw.getLogWriter();
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) throws SQLException {
        raw.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        raw.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return raw.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return raw.getParentLogger();
    }

    @Override
    public String toString() {
        return "GatedDataSource[" + shard.name() + " -> " + raw + "]";
    }
}
