package io.shardkit.benchmarks.support;

import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.ShardingStrategy;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * Peer (c), what teams write themselves: Spring's {@link AbstractRoutingDataSource} looking up a shard index
 * in a {@link ThreadLocal}, which a small aspect sets around each repository call. The aspect is Spring AOP
 * without AspectJ weaving: a {@link ProxyFactory} JDK proxy over the repository interface with one AOP-Alliance
 * {@link MethodInterceptor} that reads the key from the first argument, as a hand-written
 * {@code @Around} advice would.
 *
 * <p>Thread-safe.
 */
final class HandRolledStore implements OrderStore {

    private static final ThreadLocal<Integer> CURRENT_SHARD = new ThreadLocal<>();

    private final HikariDataSource[] pools;
    private final OrderStore proxy;

    HandRolledStore(H2Shards shards, int poolSize) {
        this.pools = new HikariDataSource[shards.count()];
        Map<Object, Object> targets = new HashMap<>();
        try {
            for (int i = 0; i < pools.length; i++) {
                pools[i] = Pools.hikari(shards, i, poolSize);
                targets.put(i, pools[i]);
            }
        } catch (RuntimeException ex) {
            Pools.closeAll(pools);
            throw ex;
        }
        ThreadLocalRoutingDataSource routing = new ThreadLocalRoutingDataSource();
        routing.setTargetDataSources(targets);
        routing.setLenientFallback(false);
        routing.afterPropertiesSet();
        ProxyFactory factory = new ProxyFactory(new DataSourceStore(routing));
        factory.addInterface(OrderStore.class);
        factory.addAdvice(new ShardKeyInterceptor(shards.strategy()));
        this.proxy = (OrderStore) factory.getProxy(HandRolledStore.class.getClassLoader());
    }

    @Override
    public @Nullable Order find(long orderId) throws SQLException {
        return proxy.find(orderId);
    }

    @Override
    public void insert(Order order) throws SQLException {
        proxy.insert(order);
    }

    @Override
    public void close() {
        Pools.closeAll(pools);
    }

    /** The routing DataSource: the lookup key is whatever the aspect left in the thread local. */
    private static final class ThreadLocalRoutingDataSource extends AbstractRoutingDataSource {
        @Override
        protected @Nullable Object determineCurrentLookupKey() {
            return CURRENT_SHARD.get();
        }
    }

    /** The "small aspect": sets the shard from the call's key, clears it afterwards. */
    private static final class ShardKeyInterceptor implements MethodInterceptor {
        private final ShardingStrategy strategy;

        ShardKeyInterceptor(ShardingStrategy strategy) {
            this.strategy = strategy;
        }

        @Override
        public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
            Object[] args = invocation.getArguments();
            if (args.length == 0) {
                return invocation.proceed();
            }
            Object key = args[0] instanceof Order order ? order.orderId() : args[0];
            CURRENT_SHARD.set(strategy.shardOf(H2Shards.RULE, key));
            try {
                return invocation.proceed();
            } finally {
                CURRENT_SHARD.remove();
            }
        }
    }
}
