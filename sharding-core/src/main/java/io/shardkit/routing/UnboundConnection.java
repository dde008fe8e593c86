package io.shardkit.routing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The behaviour of a metadata-only connection: the routing DataSource's answer while no shard is bound. It answers
 * questions about the database ({@link Connection#getMetaData()}, catalog, schema, isolation, holdability) from a
 * real connection of the reference shard, which it borrows at the first such question and returns on
 * {@link Connection#close()}. It runs nothing: every statement, transaction control and setter is
 * {@link io.shardkit.NoShardBoundException}, so a write can never reach a shard no routing chose.
 *
 * <p>Questions about running statements ({@link Connection#getAutoCommit()}, {@link Connection#isReadOnly()}) are
 * refused like the statements themselves, without borrowing anything: a transaction manager asked to begin, or an
 * outbox writer checking for a transaction, with no shard bound fails with {@code NoShardBoundException} before any
 * shard is touched. Neither this connection nor its metadata ever hands out the real connection ({@code unwrap},
 * {@code DatabaseMetaData.getConnection()}, {@code ResultSet.getStatement()}).
 *
 * <p>Not thread-safe, like any JDBC connection.
 */
final class UnboundConnection implements InvocationHandler {

    /** Reads that the reference shard answers. */
    private static final Set<String> DELEGATED = Set.of("getCatalog", "getSchema", "getHoldability",
            "getTransactionIsolation", "getClientInfo", "getNetworkTimeout", "getTypeMap", "nativeSQL");

    private final UnboundConnections owner;
    private @Nullable Connection borrowed;
    private boolean closed;

    UnboundConnection(UnboundConnections owner) {
        this.owner = owner;
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "close":
                close();
                return null;
            case "isClosed":
                return closed;
            case "isValid":
                return !closed;
            case "toString":
                return "UnboundConnection[" + owner + ", metadata only]";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return args != null && proxy == args[0];
            case "unwrap":
                return MetadataFence.unwrap(proxy, (Class<?>) Objects.requireNonNull(args)[0]);
            case "isWrapperFor":
                return ((Class<?>) Objects.requireNonNull(args)[0]).isInstance(proxy);
            default:
                break;
        }
        if (closed) {
            throw new SQLException("Connection [" + owner + ", metadata only] is closed");
        }
        switch (name) {
            case "getWarnings":
            case "clearWarnings":
                return null;
            case "getMetaData":
                return MetadataFence.metaData(borrowed().getMetaData(), proxy);
            default:
                if (DELEGATED.contains(name)) {
                    return invokeOn(borrowed(), method, args);
                }
                throw owner.refused();
        }
    }

    private Connection borrowed() {
        if (borrowed == null) {
            borrowed = owner.reference();
        }
        return borrowed;
    }

    private void close() {
        closed = true;
        UnboundConnections.closeQuietly(borrowed);
        borrowed = null;
    }

    static @Nullable Object invokeOn(Object target, Method method, Object @Nullable [] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }

}
