package io.shardkit.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.audit.AuditReport;
import io.shardkit.audit.DuplicateId;
import io.shardkit.audit.MisplacedRow;
import io.shardkit.audit.ShardAudit;
import io.shardkit.it.support.OrderTable;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ShardAudit} on real servers: streams a table of a few thousand rows from four databases in small
 * fetches and finds exactly the rows planted in the wrong place.
 */
class ShardAuditIT {

    private static final int SHARDS = 4;
    private static final int ORDERS = 3_000;

    @ParameterizedTest
    @EnumSource(RealServer.class)
    void findsExactlyThePlantedMisplacedRowAndDuplicate(RealServer server) throws SQLException {
        try (ShardDatabases databases = ShardDatabases.create(server, SHARDS);
             ShardRegistry registry = databases.registry()) {
            ShardingRule orders = ShardingRule.over("orders", registry, ShardingStrategies.hash(SHARDS));
            OrderTable.createOn(registry);
            writeCorrectlyPlaced(orders);
            ShardAudit audit = ShardAudit.of(orders).table("orders").keyColumn("customer_id").idColumn("id")
                    .fetchSize(250).build();

            AuditReport clean = audit.run();
            assertThat(clean.isClean()).as(clean.toString()).isTrue();
            assertThat(clean.totalRows()).isEqualTo(ORDERS);

            Shard home = orders.shardOf(42L);
            Shard wrong = registry.shard((home.index() + 1) % SHARDS);
            OrderTable.insert(wrong.dataSource(), 900_001, 42, 1);                  // misplaced
            Shard homeOf7 = orders.shardOf(7L);
            OrderTable.insert(homeOf7.dataSource(), 7_000_000, 7, 1);               // fine: new id, right shard
            OrderTable.insert(registry.shard((homeOf7.index() + 2) % SHARDS).dataSource(), 7, 7, 1);  // dup + off

            AuditReport report = audit.run();
            System.out.println(report);

            assertThat(report.totalRows()).isEqualTo(ORDERS + 3);
            assertThat(report.misplaced()).containsExactlyInAnyOrder(
                    new MisplacedRow(wrong.name(), home.name(), 42L, 900_001L),
                    new MisplacedRow(registry.shard((homeOf7.index() + 2) % SHARDS).name(), homeOf7.name(), 7L, 7L));
            assertThat(report.duplicates()).containsExactly(new DuplicateId(7L, sortedByShardIndex(registry,
                    homeOf7, registry.shard((homeOf7.index() + 2) % SHARDS))));
            assertThat(report.unroutableCount()).isZero();
        }
    }

    /** Order ids 1..ORDERS, customer = id, each on its customer's shard, one batch per shard. */
    private static void writeCorrectlyPlaced(ShardingRule orders) throws SQLException {
        List<Long> customers = java.util.stream.LongStream.rangeClosed(1, ORDERS).boxed().toList();
        for (ShardingRule.ShardKeys<Long> group : orders.groupByShard(customers)) {
            try (Connection c = group.shard().dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement(
                         "INSERT INTO orders (id, customer_id, amount) VALUES (?, ?, ?)")) {
                c.setAutoCommit(false);
                for (long customer : group.keys()) {
                    ps.setLong(1, customer);
                    ps.setLong(2, customer);
                    ps.setLong(3, 100);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }

    /** The audit reads shards in index order, so a duplicate's shards come out in that order. */
    private static List<String> sortedByShardIndex(ShardRegistry registry, Shard a, Shard b) {
        return a.index() < b.index() ? List.of(a.name(), b.name()) : List.of(b.name(), a.name());
    }
}
