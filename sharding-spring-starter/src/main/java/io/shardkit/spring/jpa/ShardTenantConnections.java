package io.shardkit.spring.jpa;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardUnavailableException;
import io.shardkit.routing.ShardRoutingDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;

/**
 * Hibernate's connections per tenant, a tenant being a shard: {@link #getConnection(String)} is a connection of
 * that shard's pool, whatever is bound to the thread later, so a session never changes shard.
 *
 * <p>{@link #getAnyConnection()} is Hibernate's boot-time connection (dialect and JDBC metadata, sequence
 * information, {@code ddl-auto=validate}): the first shard, in shard order, that hands out a connection, after the
 * routing DataSource has checked that every shard runs the same kind of database. Hibernate runs no entity
 * statement on it; shardkit's auto-configuration refuses {@code ddl-auto} values that would write through it.
 *
 * <p>Thread-safe.
 */
public final class ShardTenantConnections implements MultiTenantConnectionProvider<String> {

    private static final long serialVersionUID = 1L;

    private final transient ShardRegistry registry;
    private final transient ShardRoutingDataSource routing;

    public ShardTenantConnections(ShardRegistry registry, ShardRoutingDataSource routing) {
        this.registry = registry;
        this.routing = routing;
    }

    @Override
    public Connection getAnyConnection() throws SQLException {
        try (Connection probe = routing.getConnection()) {
            // Unbound, this makes every shard say which database it runs, and fails if they differ.
            probe.getMetaData();
        }
        ShardUnavailableException last = null;
        for (Shard shard : registry.shards()) {
            try {
                return connection(shard);
            } catch (ShardUnavailableException ex) {
                last = ex;
            }
        }
        throw java.util.Objects.requireNonNull(last, "a registry has at least one shard");
    }

    @Override
    public void releaseAnyConnection(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    public Connection getConnection(String shard) throws SQLException {
        if (ShardTenantResolver.UNBOUND.equals(shard)) {
            throw ShardTenantResolver.refused();
        }
        return connection(registry.shard(shard));
    }

    @Override
    public void releaseConnection(String shard, Connection connection) throws SQLException {
        connection.close();
    }

    private static Connection connection(Shard shard) {
        try {
            return shard.dataSource().getConnection();
        } catch (SQLException ex) {
            throw new ShardUnavailableException(shard.name(), "could not get a connection: " + ex.getMessage(), ex);
        }
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("ShardTenantConnections is not a [" + type.getName() + "]");
    }
}
