package io.shardkit.scatter;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NULL is a value in merges, as in the one database holding every row (the H2 oracle): random tips (fixed seed)
 * whose coupon and amount are NULL about a third of the time, spread by a hash rule over 1, 2, 4 and 8 shards.
 * DISTINCT, GROUP BY a nullable key, and ORDER BY a nullable column with H2's default NULL placement (first when
 * ascending, last when descending) and with explicit NULLS FIRST / LAST must equal the oracle's answer.
 */
class NullMergeOracleIT {

    private static final String DDL = "CREATE TABLE tips (id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, "
            + "coupon VARCHAR(10), tip INT)";

    private final DataSource routing = ShardRoutingDataSource.create();
    private final ScatterGatherExecutor scatter = ScatterGatherExecutor.builder().parallelism(8).build();

    /** One tip row; coupon and tip may be NULL. */
    record Tip(long id, long customerId, @Nullable String coupon, @Nullable Integer tip) {
    }

    @AfterEach
    void close() {
        scatter.close();
    }

    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {1, 2, 4, 8})
    void distinctGroupByAndOrderingTreatNullAsAValue(int shards) throws SQLException {
        List<Tip> tips = randomTips(new Random(7L + shards), 600);
        DataSource oracle = H2ShardFixtures.dataSource("null-oracle");
        insert(oracle, tips);
        ShardingRule rule = H2ShardFixtures.hashRule("tips", shards);
        for (Shard shard : rule.shards()) {
            insert(shard.dataSource(), tips.stream().filter(t -> rule.shardOf(t.customerId()).equals(shard)).toList());
        }

        String distinct = "SELECT DISTINCT coupon FROM tips ORDER BY coupon";
        assertThat(everyShard(rule, distinct, Merges.distinctOrdered(Comparator.nullsFirst(
                Comparator.<String>naturalOrder())))).isEqualTo(coupons(oracle, distinct)).contains((String) null);
        assertThat(new HashSet<>(everyShard(rule, distinct, Merges.distinct())))
                .isEqualTo(new HashSet<>(coupons(oracle, distinct)));

        String groups = "SELECT coupon, SUM(tip) FROM tips GROUP BY coupon";
        Map<@Nullable String, @Nullable Long> merged = scatter.onEveryShard(rule, req -> groups(routing, groups),
                Merges.<@Nullable String, @Nullable Long>groupBy(Long::sum)).value();
        assertThat(merged).isEqualTo(groups(oracle, groups)).containsKey(null);

        Comparator<Tip> byId = Comparator.comparingLong(Tip::id);
        Comparator<@Nullable Integer> natural = Comparator.nullsFirst(Comparator.<Integer>naturalOrder());
        assertOrdered(rule, oracle, "tip, id", Comparator.comparing(Tip::tip, natural).thenComparing(byId));
        assertOrdered(rule, oracle, "tip DESC, id", Comparator.comparing(Tip::tip,
                Comparator.nullsLast(Comparator.<Integer>reverseOrder())).thenComparing(byId));
        assertOrdered(rule, oracle, "tip NULLS LAST, id", Comparator.comparing(Tip::tip,
                Comparator.nullsLast(Comparator.<Integer>naturalOrder())).thenComparing(byId));
        assertOrdered(rule, oracle, "tip DESC NULLS FIRST, id", Comparator.comparing(Tip::tip,
                Comparator.nullsFirst(Comparator.<Integer>reverseOrder())).thenComparing(byId));
    }

    private void assertOrdered(ShardingRule rule, DataSource oracle, String orderBy, Comparator<Tip> order)
            throws SQLException {
        String sql = "SELECT id, customer_id, coupon, tip FROM tips ORDER BY " + orderBy;
        List<Tip> merged = scatter.onEveryShard(rule, req -> OrderDb.query(routing, sql, NullMergeOracleIT::tip),
                Merges.ordered(order)).value();
        assertThat(merged).as(orderBy).isEqualTo(OrderDb.query(oracle, sql, NullMergeOracleIT::tip));
        List<Tip> top = scatter.onEveryShard(rule, req -> OrderDb.query(routing, sql + " LIMIT 25",
                NullMergeOracleIT::tip), Merges.topN(order, 25)).value();
        assertThat(top).as(orderBy + " LIMIT 25").isEqualTo(OrderDb.query(oracle, sql + " LIMIT 25",
                NullMergeOracleIT::tip));
    }

    private List<@Nullable String> everyShard(ShardingRule rule, String sql,
                                              Merger<List<@Nullable String>, List<@Nullable String>> merger) {
        return scatter.onEveryShard(rule, req -> coupons(routing, sql), merger).value();
    }

    private static List<@Nullable String> coupons(DataSource ds, String sql) throws SQLException {
        return OrderDb.query(ds, sql, rs -> rs.getString(1));
    }

    private static Map<@Nullable String, @Nullable Long> groups(DataSource ds, String sql) throws SQLException {
        Map<@Nullable String, @Nullable Long> groups = new LinkedHashMap<>();
        for (Object[] row : OrderDb.query(ds, sql, rs -> new Object[] {rs.getString(1), rs.getObject(2, Long.class)})) {
            groups.put((String) row[0], (Long) row[1]);
        }
        return groups;
    }

    private static Tip tip(ResultSet rs) throws SQLException {
        return new Tip(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, Integer.class));
    }

    private static List<Tip> randomTips(Random random, int count) {
        List<Tip> tips = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String coupon = random.nextInt(3) == 0 ? null : "C" + random.nextInt(6);
            Integer tip = random.nextInt(3) == 0 ? null : random.nextInt(40);
            tips.add(new Tip(i + 1, 1 + random.nextInt(200), coupon, tip));
        }
        return tips;
    }

    private static void insert(DataSource ds, List<Tip> tips) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute(DDL);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tips VALUES (?, ?, ?, ?)")) {
                for (Tip t : tips) {
                    ps.setLong(1, t.id());
                    ps.setLong(2, t.customerId());
                    ps.setObject(3, t.coupon());
                    ps.setObject(4, t.tip());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }
}
