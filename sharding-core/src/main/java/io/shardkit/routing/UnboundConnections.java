package io.shardkit.routing;

import io.shardkit.MixedShardDatabasesException;
import io.shardkit.NoShardBoundException;
import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardUnavailableException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the routing DataSource hands out while no shard is bound: a metadata-only connection (see
 * {@link UnboundConnection}) whose questions about the database are answered by the shards themselves, or, when
 * the routing DataSource knows no registry, {@link NoShardBoundException} at once.
 *
 * <p>Before the first answer, every shard is asked which database product it runs; they must agree
 * ({@link MixedShardDatabasesException} otherwise), because whoever asks (a dialect, "is it embedded?") applies the
 * answer to every shard. Once every shard has answered, later questions go to the first shard that hands out a
 * connection (shard order), and shards that were down are asked again next time until each has answered once.
 *
 * <p>Thread-safe.
 */
final class UnboundConnections {

    private static final Logger LOG = LoggerFactory.getLogger(UnboundConnections.class);

    private final String dataSourceName;
    private final @Nullable ShardRegistry registry;
    /** Whether every shard has answered once and all agreed: then only the reference shard is asked. */
    private volatile boolean agreed;

    UnboundConnections(String dataSourceName, @Nullable ShardRegistry registry) {
        this.dataSourceName = dataSourceName;
        this.registry = registry;
    }

    /** A metadata-only connection, or {@link NoShardBoundException} without a registry to answer from. */
    Connection open() {
        if (registry == null) {
            throw refused();
        }
        return (Connection) Proxy.newProxyInstance(UnboundConnections.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new UnboundConnection(this));
    }

    /** The failure of everything a metadata-only connection does not answer. */
    NoShardBoundException refused() {
        return new NoShardBoundException(dataSourceName);
    }

    /**
     * A real connection to the first shard that hands one out, for reading its metadata; checks first (until it
     * has succeeded once for every shard) that every shard runs the same kind of database.
     */
    Connection reference() {
        ShardRegistry shards = java.util.Objects.requireNonNull(registry, "registry");
        Map<String, String> products = new LinkedHashMap<>();
        Set<String> kinds = new LinkedHashSet<>();
        Connection first = null;
        SQLException firstFailure = null;
        boolean everyShardAnswered = true;
        for (Shard shard : shards.shards()) {
            if (agreed && first != null) {
                break;
            }
            try {
                Connection c = shard.dataSource().getConnection();
                DatabaseMetaData md = c.getMetaData();
                products.put(shard.name(), md.getDatabaseProductName() + " " + md.getDatabaseProductVersion());
                kinds.add(md.getDatabaseProductName());
                if (first == null) {
                    first = c;
                } else {
                    c.close();
                }
            } catch (SQLException | ShardUnavailableException ex) {
                everyShardAnswered = false;
                firstFailure = firstFailure == null ? asSql(ex) : firstFailure;
                LOG.warn("shardkit: shard '{}' could not say which database it runs: {}", shard.name(),
                        ex.getMessage());
            }
        }
        if (kinds.size() > 1) {
            closeQuietly(first);
            throw MixedShardDatabasesException.of(products);
        }
        if (first == null) {
            throw new ShardUnavailableException(shards.shard(0).name(), "no shard handed out a connection to say "
                    + "which database it runs (asked with no shard bound, e.g. for a dialect at start-up)",
                    firstFailure);
        }
        if (everyShardAnswered) {
            agreed = true;
        }
        return first;
    }

    private static SQLException asSql(Exception ex) {
        return ex instanceof SQLException sql ? sql : new SQLException(ex.getMessage(), ex);
    }

    static void closeQuietly(@Nullable Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ex) {
            LOG.debug("shardkit: closing a metadata connection failed", ex);
        }
    }

    @Override
    public String toString() {
        return dataSourceName;
    }
}
