package io.shardkit.benchmarks.endtoend;

import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingStrategy;
import io.shardkit.benchmarks.support.H2Shards;
import io.shardkit.benchmarks.support.OrderSql;
import io.shardkit.benchmarks.support.PooledShards;
import io.shardkit.outbox.OutboxEvent;
import io.shardkit.outbox.OutboxWriter;
import io.shardkit.routing.ShardRoutingDataSource;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Order placement throughput on one client thread: the order, its items and an outbox event written in one
 * transaction on the order's shard, over 1, 2, 4 and 8 shards; {@link OrderPlacement4ThreadsBenchmark} and
 * {@link OrderPlacement16ThreadsBenchmark} add client threads. {@link #placeOrderDirect()} (plain JDBC to the
 * shard's pool, the event inserted by hand) is the baseline of {@link #placeOrderShardkit()} (routing DataSource,
 * the event appended by shardkit's {@link OutboxWriter}); both write shardkit's shipped {@code outbox} table.
 *
 * <p>All shards are in-memory databases in this one JVM on the same cores, so more shards spread lock and
 * index contention but add no CPU: the figures show routing staying flat as shards are added, not the
 * scale-out a real deployment gains from separate database servers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class OrderPlacementBenchmark {

    /** Enough connections for the most client threads measured: a thread never waits for the pool. */
    static final int POOL_SIZE = 16;

    @Param({"1", "2", "4", "8"})
    public int shards;

    private H2Shards databases;
    private ShardingStrategy strategy;
    private PooledShards pools;
    private ShardingRule rule;
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();
    private final AtomicLong nextOrderId = new AtomicLong();
    private final OutboxWriter outbox = OutboxWriter.create();
    private final OrderSql.OutboxAppend appendWithWriter = (c, id) -> outbox.append(c,
            OutboxEvent.of("Order", Long.toString(id), "OrderPlaced", OrderSql.orderPlacedPayload(id)));

    @Setup(Level.Trial)
    public void start() {
        databases = H2Shards.create(shards);
        strategy = databases.strategy();
        pools = PooledShards.open(databases, POOL_SIZE);
        rule = pools.rule();
    }

    /** Empties the tables so that every iteration writes into tables of the same size. */
    @TearDown(Level.Iteration)
    public void emptyTables() {
        databases.executeOnEveryShard("TRUNCATE TABLE t_order", "TRUNCATE TABLE t_order_item",
                "TRUNCATE TABLE outbox");
    }

    @TearDown(Level.Trial)
    public void stop() {
        pools.close();
        databases.close();
    }

    /** Baseline: the shard computed inline, the transaction on that shard's pool. */
    @Benchmark
    public void placeOrderDirect() throws SQLException {
        long id = nextOrderId.incrementAndGet();
        OrderSql.placeOrder(pools.pool(strategy.shardOf(H2Shards.RULE, id)), id, OrderSql::appendOutboxByHand);
    }

    /** shardkit: bind the order's shard, run the transaction on the routing DataSource, append with the writer. */
    @Benchmark
    public void placeOrderShardkit() throws SQLException {
        long id = nextOrderId.incrementAndGet();
        try (ShardScope ignored = ShardContext.bind(rule.shardOf(id))) {
            OrderSql.placeOrder(routing, id, appendWithWriter);
        }
    }
}
