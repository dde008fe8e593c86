package io.shardkit.benchmarks.strategy;

import io.shardkit.KeyRange;
import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingStrategy;
import io.shardkit.bucket.BucketMap;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.directory.DirectoryDialect;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.strategy.RangeStrategyBuilder;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns/op of each strategy's {@code shardOf} for one key (hash, bucketed, range, directory cache hit, id), beside the
 * floor: an unsigned modulo of the same key. The bucketed strategy reads an in-memory map of 1024 buckets seeded over
 * the shards (the stored map is the same array once loaded).
 * Keys are boxed {@code Long}s drawn from a pre-filled array, so the boxing a caller pays is outside the
 * measurement; run with {@code -prof gc} to see that routing itself allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class StrategyBenchmark {

    private static final String RULE = "orders";
    private static final int KEYS = 1024;

    @Param({"4", "16"})
    public int shards;

    private final Long[] keys = new Long[KEYS];
    private int next;
    private ShardingStrategy hash;
    private ShardingRule hashRule;
    private ShardingStrategy bucketed;
    private ShardingRule bucketedRule;
    private ShardingStrategy range;
    private ShardingStrategy directory;
    private ShardingStrategy id;
    private final Long[] ids = new Long[KEYS];
    private JdbcDataSource directoryHome;

    @Setup
    public void prepare() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < KEYS; i++) {
            keys[i] = random.nextLong(1, Long.MAX_VALUE);
        }
        hash = ShardingStrategies.hash(shards);
        hashRule = new ShardingRule(RULE, placeholderShards(shards), hash);
        List<String> names = new ArrayList<>();
        for (Shard shard : placeholderShards(shards)) {
            names.add(shard.name());
        }
        bucketed = ShardingStrategies.bucketed(RULE, BucketMap.seed(names, 1024, shards));
        bucketedRule = new ShardingRule(RULE, placeholderShards(shards), bucketed);
        range = evenRanges(shards);
        directoryHome = new JdbcDataSource();
        directory = warmDirectory(directoryHome);
        id = ShardingStrategies.id(shards);
        ShardIdGenerator generator = ShardIdGenerator.ofDefaults();
        for (int i = 0; i < KEYS; i++) {
            ids[i] = generator.nextId(i % shards);
        }
    }

    /** A directory on an in-memory H2 home whose cache already holds every key: {@code shardOf} is a hit. */
    private ShardingStrategy warmDirectory(JdbcDataSource directoryHome) {
        directoryHome.setURL("jdbc:h2:mem:dir_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        directoryHome.setUser("sa");
        try (Connection c = directoryHome.getConnection(); Statement st = c.createStatement()) {
            for (String ddl : DirectoryDialect.H2.statements(DirectoryConfig.DEFAULT_TABLE_NAME)) {
                st.execute(ddl);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("directory table: " + ex.getMessage(), ex);
        }
        List<String> names = new ArrayList<>();
        for (Shard shard : placeholderShards(shards)) {
            names.add(shard.name());
        }
        ShardingStrategy warmed = ShardingStrategies.directory(new Shard("home", 0, directoryHome), names);
        for (Long key : keys) {
            warmed.shardOf(RULE, key);
        }
        return warmed;
    }

    @TearDown
    public void dropDirectory() throws SQLException {
        try (Connection c = directoryHome.getConnection(); Statement st = c.createStatement()) {
            st.execute("SHUTDOWN");
        }
    }

    /** {@code count} equal ranges over the positive longs the keys are drawn from, one per shard. */
    static ShardingStrategy evenRanges(int count) {
        RangeStrategyBuilder<Long> builder = ShardingStrategies.range(Long.class);
        long width = Long.MAX_VALUE / count;
        for (int i = 0; i < count - 1; i++) {
            builder.range(KeyRange.closedOpen(i * width, (i + 1) * width), "shard-" + i);
        }
        return builder.range(KeyRange.atLeast((count - 1) * width), "shard-" + (count - 1)).build();
    }

    /** Shards whose DataSource is never asked for a connection: only the slot-to-shard read is measured. */
    static List<Shard> placeholderShards(int count) {
        List<Shard> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(new Shard("shard-" + i, i, ShardRoutingDataSource.create()));
        }
        return list;
    }

    private Long nextKey() {
        Long key = keys[next];
        next = (next + 1) & (KEYS - 1);
        return key;
    }

    /** The floor: the same boxed key, unboxed, reduced modulo the shard count. */
    @Benchmark
    public int baselineModulo() {
        return (int) Long.remainderUnsigned(nextKey(), shards);
    }

    /** Murmur3 of the key's bytes, then jump consistent hash. */
    @Benchmark
    public int hash() {
        return hash.shardOf(RULE, nextKey());
    }

    /** Murmur3 of the key's bytes, the bucket by mask (1024 buckets), the owner from the map snapshot. */
    @Benchmark
    public int bucketed() {
        return bucketed.shardOf(RULE, nextKey());
    }

    /** What a routed call of a bucketed rule pays: the strategy plus the rule's slot-to-shard read. */
    @Benchmark
    public Shard bucketedRule() {
        return bucketedRule.shardOf(nextKey());
    }

    /** Range lookup: which of {@code shards} ranges holds the key. */
    @Benchmark
    public int range() {
        return range.shardOf(RULE, nextKey());
    }

    /** Directory lookup served from the cache (every key was placed and cached in set-up). */
    @Benchmark
    public int directoryCached() {
        return directory.shardOf(RULE, nextKey());
    }

    /** Id placement: the shard index read from the bits of an id minted by {@link ShardIdGenerator}. */
    @Benchmark
    public int id() {
        return id.shardOf(RULE, ids[next++ & (KEYS - 1)]);
    }

    /** What a routed call pays: the strategy plus the rule's slot-to-shard read. */
    @Benchmark
    public Shard hashRule() {
        return hashRule.shardOf(nextKey());
    }
}
