package io.shardkit.benchmarks.scatter;

import com.zaxxer.hikari.HikariDataSource;
import io.shardkit.ShardingRule;
import io.shardkit.benchmarks.support.H2Shards;
import io.shardkit.benchmarks.support.Order;
import io.shardkit.benchmarks.support.OrderSql;
import io.shardkit.benchmarks.support.PooledShards;
import io.shardkit.benchmarks.support.ShardingSphereStore;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.scatter.Merger;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.ScatterGatherExecutor;
import io.shardkit.scatter.ShardCall;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@value #TOP} orders with the highest amounts across 4 seeded shards ({@link OrderSql#SELECT_TOP_BY_AMOUNT},
 * {@code ORDER BY amount DESC, order_id LIMIT ?}): shardkit's scatter-gather (each shard's top {@value #TOP} in
 * parallel on the executor, then {@link Merges#topN}) against ShardingSphere-JDBC running the same statement
 * on its sharded {@code t_order} (it rewrites the limit per shard and merges itself). Baselines: the same query
 * on one shard's pool ({@link #oneShard()}, the database work of one shard) and the four shards queried one
 * after the other on the caller's thread and merged the same way ({@link #directSequential()}). shardkit runs
 * twice: as configured by default ({@link #shardkit()}: calls this fast run in turn on the caller's thread, the
 * executor having measured them) and with every call handed to the pool ({@link #shardkitOnPool()},
 * {@code inlineBelow(Duration.ZERO)}, what every fan-out did before).
 *
 * <p>The shards are embedded H2 on the same two cores, so parallel shard calls compete for CPU rather than
 * overlap network waits as against real database servers. Long warm-up for ShardingSphere's JIT, as in the
 * routing benchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TopNBenchmark {

    static final int SHARDS = 4;
    static final int POOL_SIZE = 4;
    static final int SEEDED_ORDERS = 10_000;
    static final int TOP = 20;
    static final Comparator<Order> HIGHEST_AMOUNT_FIRST = Comparator.comparingLong(Order::amount).reversed()
            .thenComparingLong(Order::orderId);

    private H2Shards shards;
    private PooledShards pools;
    private ShardingRule rule;
    private ScatterGatherExecutor executor;
    private ScatterGatherExecutor onPool;
    private ShardingSphereStore shardingSphere;
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();
    private final ShardCall<Object, List<Order>> topOfShard = request -> OrderSql.topByAmount(routing,
            request.limit());
    private final Merger<List<Order>, List<Order>> topN = Merges.topN(HIGHEST_AMOUNT_FIRST, TOP);

    @Setup
    public void start() {
        shards = H2Shards.create(SHARDS).seedOrders(SEEDED_ORDERS);
        pools = PooledShards.open(shards, POOL_SIZE);
        rule = pools.rule();
        executor = ScatterGatherExecutor.builder().parallelism(SHARDS).build();
        onPool = ScatterGatherExecutor.builder().parallelism(SHARDS).inlineBelow(Duration.ZERO).build();
        shardingSphere = new ShardingSphereStore(shards, POOL_SIZE);
    }

    @TearDown
    public void stop() {
        shardingSphere.close();
        executor.close();
        onPool.close();
        pools.close();
        shards.close();
    }

    /** Baseline: the query on one shard, no merge. */
    @Benchmark
    public List<Order> oneShard() throws SQLException {
        return OrderSql.topByAmount(pools.pool(0), TOP);
    }

    /** Baseline: each shard's pool in turn on the caller's thread, merged by {@link Merges#topN}. */
    @Benchmark
    public List<Order> directSequential() throws SQLException {
        List<List<Order>> perShard = new ArrayList<>(SHARDS);
        for (HikariDataSource pool : pools.pools()) {
            perShard.add(OrderSql.topByAmount(pool, TOP));
        }
        return topN.merge(perShard);
    }

    /**
     * shardkit with its defaults, merged by {@link Merges#topN}: the executor has seen these calls take a few µs,
     * so it runs them in turn on the caller's thread.
     */
    @Benchmark
    public List<Order> shardkit() {
        return executor.onEveryShard(rule, topOfShard, topN).value();
    }

    /** shardkit handing every shard's call to its pool (inline runs off), merged by {@link Merges#topN}. */
    @Benchmark
    public List<Order> shardkitOnPool() {
        return onPool.onEveryShard(rule, topOfShard, topN).value();
    }

    /** ShardingSphere-JDBC: the same statement on its DataSource. */
    @Benchmark
    public List<Order> shardingSphere() throws SQLException {
        return OrderSql.topByAmount(shardingSphere.dataSource(), TOP);
    }
}
