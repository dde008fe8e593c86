package io.shardkit.benchmarks.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A DataSource whose connections and statements do nothing (JDK proxies answering every call with a default),
 * for measuring what a wrapper around JDBC objects costs without a database's noise: the same calls through a
 * stub, with and without the wrapper, differ by the wrapper alone.
 *
 * <p>Thread-safe: the stubs hold no state.
 */
public final class StubJdbc {

    private static final PreparedStatement STATEMENT = proxy(PreparedStatement.class, (p, m, a) -> answer(m));
    private static final Connection CONNECTION = proxy(Connection.class,
            (p, m, a) -> m.getName().equals("prepareStatement") ? STATEMENT : answer(m));
    private static final DataSource DATA_SOURCE = proxy(DataSource.class,
            (p, m, a) -> m.getName().equals("getConnection") ? CONNECTION : answer(m));

    private StubJdbc() {
    }

    /** A DataSource handing out the one stub connection; its statements answer {@code executeQuery} with null. */
    public static DataSource dataSource() {
        return DATA_SOURCE;
    }

    private static @Nullable Object answer(java.lang.reflect.Method method) {
        Class<?> type = method.getReturnType();
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(StubJdbc.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
