package io.shardkit.routing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Objects;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Wraps a real shard's {@link DatabaseMetaData} (and the result sets it returns) for a metadata-only connection,
 * so that nothing reached from it leads back to the real connection: {@code getConnection()} answers the
 * metadata-only connection, {@code ResultSet.getStatement()} answers {@code null} (as JDBC allows for metadata
 * result sets) and {@code unwrap} reaches only the wrapper itself. Everything else is the shard's own answer.
 *
 * <p>Stateless and thread-safe; the wrappers are as thread-safe as what they wrap.
 */
final class MetadataFence {

    private MetadataFence() {
    }

    static DatabaseMetaData metaData(DatabaseMetaData real, Object connection) {
        return (DatabaseMetaData) Proxy.newProxyInstance(MetadataFence.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, new Fenced(real, (Connection) connection));
    }

    static Object unwrap(Object proxy, Class<?> iface) throws SQLException {
        if (iface.isInstance(proxy)) {
            return proxy;
        }
        throw new SQLException("[" + proxy + "] is not a wrapper for [" + iface.getName() + "]: a metadata-only "
                + "connection never hands out the shard's own objects");
    }

    /** Delegates to {@code real}, keeping the way back to the real connection closed. */
    private record Fenced(Object real, Connection connection) implements InvocationHandler {

        @Override
        public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
            switch (method.getName()) {
                case "getConnection":
                    return connection;
                case "getStatement":
                    return null;
                case "unwrap":
                    return unwrap(proxy, (Class<?>) Objects.requireNonNull(args)[0]);
                case "isWrapperFor":
                    return ((Class<?>) Objects.requireNonNull(args)[0]).isInstance(proxy);
                case "toString":
                    return "Fenced[" + real + "]";
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return args != null && proxy == args[0];
                default:
                    break;
            }
            Object result = UnboundConnection.invokeOn(real, method, args);
            if (result instanceof ResultSet rs) {
                return Proxy.newProxyInstance(MetadataFence.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                        new Fenced(rs, connection));
            }
            return result;
        }
    }
}
