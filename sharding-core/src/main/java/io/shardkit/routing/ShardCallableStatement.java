package io.shardkit.routing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.SQLException;
import org.jspecify.annotations.NullUnmarked;

/**
 * A callable statement of a {@link ShardConnection}, guarded as {@link ShardStatement} guards the others: a method
 * that runs SQL or queues it ({@code execute*}, {@code addBatch}) first checks that no other shard is bound, and
 * a lost connection surfaces as {@code ShardUnavailableException}; {@code getConnection()} answers the shard-tied
 * connection, {@code unwrap} / {@code isWrapperFor} see through to the pool's statement as for the others.
 *
 * <p>A JDK dynamic proxy rather than a hand-written delegate: {@code CallableStatement} has some 120 methods of
 * its own, stored procedures are rare on a hot path, and the reflective call (an argument array per call) costs
 * far less than the procedure's round trip.
 *
 * <p>Not thread-safe beyond what the wrapped statement is.
 */
@NullUnmarked // JDBC's nullness is the driver's; values pass through.
final class ShardCallableStatement implements InvocationHandler {

    private static final Class<?>[] INTERFACES = {CallableStatement.class};

    private final ShardConnection connection;
    private final CallableStatement delegate;

    private ShardCallableStatement(ShardConnection connection, CallableStatement delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    /** {@code delegate}, guarded as a statement of {@code connection}. */
    static CallableStatement of(ShardConnection connection, CallableStatement delegate) {
        return (CallableStatement) Proxy.newProxyInstance(ShardCallableStatement.class.getClassLoader(), INTERFACES,
                new ShardCallableStatement(connection, delegate));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "getConnection":
                return connection;
            case "unwrap":
                return ((Class<?>) args[0]).isInstance(proxy) ? proxy : delegate.unwrap((Class<?>) args[0]);
            case "isWrapperFor":
                return ((Class<?>) args[0]).isInstance(proxy) || delegate.isWrapperFor((Class<?>) args[0]);
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "ShardCallableStatement[" + connection.shard().name() + ": " + delegate + "]";
            default:
                return runOrForward(method, name, args);
        }
    }

    private Object runOrForward(Method method, String name, Object[] args) throws Throwable {
        boolean runs = name.startsWith("execute") || name.equals("addBatch");
        if (name.startsWith("execute") && !name.equals("executeQuery")) {
            connection.checkWrite(name);
        } else if (runs) {
            connection.checkShard(name);
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException wrapped) {
            Throwable ex = wrapped.getCause();
            if (runs && ex instanceof SQLException sql) {
                throw name.equals("addBatch") ? connection.failed(sql, name) : connection.failedRunning(sql, name);
            }
            throw ex;
        }
    }
}
