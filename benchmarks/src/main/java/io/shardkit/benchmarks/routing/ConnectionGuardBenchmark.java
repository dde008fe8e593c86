package io.shardkit.benchmarks.routing;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.benchmarks.support.StubJdbc;
import io.shardkit.routing.ShardRoutingDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the routing DataSource's shard-tied connection costs on its own: the JDBC calls of a point select (bind,
 * get a connection, prepare, set the key, execute, close) on a stub database that does nothing, straight from the
 * shard's DataSource ({@code direct}, the baseline) and through {@link ShardRoutingDataSource} ({@code routed}:
 * the routing lookup, the connection and statement wrappers, and the shard check on prepare and on execute).
 * The difference is the guard's whole cost per statement; run with {@code -prof gc} for its allocation.
 * {@code directUpdate} / {@code routedUpdate} are the same for a write, which also looks for a bound bucket fence.
 * The
 * stub answers through JDK proxies, which cost the same on both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ConnectionGuardBenchmark {

    private static final String SQL = "SELECT * FROM t_order WHERE order_id = ?";

    private final DataSource pool = StubJdbc.dataSource();
    private final Shard shard = new Shard("ds_0", 0, pool);
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();

    @Benchmark
    public @Nullable ResultSet direct() throws SQLException {
        return select(pool);
    }

    @Benchmark
    public @Nullable ResultSet routed() throws SQLException {
        return select(routing);
    }

    /** A write's baseline: the same calls ending in {@code executeUpdate}. */
    @Benchmark
    public int directUpdate() throws SQLException {
        return update(pool);
    }

    /**
     * A write through the guard: as {@code routed}, plus the look for a bound transaction fence that every statement
     * that may write makes ({@code ShardConnection.checkWrite}; none is bound here, as for every rule but a bucketed
     * one).
     */
    @Benchmark
    public int routedUpdate() throws SQLException {
        return update(routing);
    }

    private int update(DataSource dataSource) throws SQLException {
        try (ShardScope ignored = ShardContext.bind(shard); Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setLong(1, 42L);
            return ps.executeUpdate();
        }
    }

    private @Nullable ResultSet select(DataSource dataSource) throws SQLException {
        try (ShardScope ignored = ShardContext.bind(shard); Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setLong(1, 42L);
            return ps.executeQuery();
        }
    }
}
