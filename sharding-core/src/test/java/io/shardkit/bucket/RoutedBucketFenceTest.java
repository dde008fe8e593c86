package io.shardkit.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.routing.ShardRoutingDataSource;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bucket fence of a routed call ({@link BucketWrites#fence} bound with the shard): the routing DataSource's
 * connections take it once per transaction before the first statement that may write, on any JDBC write call;
 * reads never take it; a write in auto-commit mode is refused; a shard that does not own the bucket refuses before
 * the write reaches it.
 */
class RoutedBucketFenceTest {

    private static final String RULE = "orders";
    private static final String INSERT = "INSERT INTO orders (id, customer_id) VALUES (?, ?)";

    private final List<Shard> shards = new ArrayList<>();
    private final ShardRoutingDataSource routing = ShardRoutingDataSource.create();
    private ShardingRule rule;
    private BucketWrites writes;

    @BeforeEach
    void shards() throws SQLException {
        for (int i = 0; i < 2; i++) {
            Shard shard = new Shard("fence" + i, i, H2ShardFixtures.dataSource("fence" + i));
            try (Connection c = shard.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT)");
            }
            shards.add(shard);
        }
        rule = new ShardingRule(RULE, shards, BucketedStrategy.create(RULE, shards, 16));
        writes = BucketWrites.of(rule);
    }

    @AfterEach
    void noBindingLeft() {
        assertThat(ShardContext.depth()).as("test left a binding").isZero();
    }

    @Test
    void aTransactionOfAMovingBucketJournalsItsKeyOnceBeforeItsFirstWriteAndAgainInTheNext() throws SQLException {
        long key = 7;
        Shard owner = ownerOf(key);
        markMoving(owner, key);
        try (ShardScope ignored = ShardContext.bind(owner, writes.fence(key)); Connection c = routing.getConnection()) {
            c.setAutoCommit(false);
            assertThat(count(c, "SELECT COUNT(*) FROM orders")).as("a read takes no fence").isZero();
            assertThat(journalOf(owner, key)).as("nothing journaled by a read").isZero();
            insert(c, 1, key);
            insert(c, 2, key);
            c.commit();
            assertThat(journalOf(owner, key)).as("one entry for the first transaction's two writes").isEqualTo(1);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE orders SET customer_id = " + key + " WHERE id = 1");
            }
            c.rollback();
            assertThat(journalOf(owner, key)).as("the rolled-back transaction's entry went with it").isEqualTo(1);
            try (PreparedStatement batch = c.prepareStatement(INSERT)) {
                batch.setLong(1, 3);
                batch.setLong(2, key);
                batch.addBatch();
                batch.executeBatch();
            }
            c.commit();
            assertThat(journalOf(owner, key)).as("a batch enters the fence of its own transaction").isEqualTo(2);
        }
        assertThat(ids(owner)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aShardThatDoesNotOwnTheBucketRefusesTheWriteBeforeItLands() throws SQLException {
        long key = 7;
        Shard other = shards.get(1 - rule.shards().indexOf(ownerOf(key)));
        try (ShardScope ignored = ShardContext.bind(other, writes.fence(key)); Connection c = routing.getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> insert(c, 1, key)).isInstanceOfSatisfying(BucketMovedException.class, ex -> {
                assertThat(ex.getShard()).isEqualTo(other.name());
                assertThat(ex.getOwner()).isEqualTo(ownerOf(key).name());
                assertThat(ex.getBucket()).isEqualTo(writes.strategy().bucketOf(RULE, key));
            });
            c.rollback();
        }
        assertThat(ids(other)).as("refused before the insert ran").isEmpty();
    }

    @Test
    void aWriteInAutoCommitModeIsRefusedAndAReadRuns() throws SQLException {
        long key = 9;
        Shard owner = ownerOf(key);
        try (ShardScope ignored = ShardContext.bind(owner, writes.fence(key)); Connection c = routing.getConnection()) {
            assertThat(count(c, "SELECT COUNT(*) FROM orders")).isZero();
            assertThatThrownBy(() -> insert(c, 1, key)).isInstanceOf(UnfencedWriteException.class)
                    .hasMessage("Rule 'orders' is bucketed: executeUpdate for key [java.lang.Long 9] (bucket "
                            + writes.strategy().bucketOf(RULE, key) + ") ran in auto-commit mode on shard '"
                            + owner.name() + "', where it cannot hold the bucket's write fence until it commits; run"
                            + " the write in a transaction (@Transactional on the routed method or inside it, or"
                            + " BucketWrites.write)");
        }
        assertThat(ids(owner)).isEmpty();
    }

    @Test
    void anInnerBindingWithoutAFenceHidesItAndWrapCarriesIt() throws Exception {
        long key = 7;
        Shard owner = ownerOf(key);
        try (ShardScope outer = ShardContext.bind(owner, writes.fence(key))) {
            Callable<Boolean> carried = ShardContext.wrap(
                    (Callable<Boolean>) () -> ShardContext.currentFence() != null);
            try (ShardScope inner = ShardContext.bind(owner); Connection c = routing.getConnection()) {
                assertThat(ShardContext.currentFence()).isNull();
                insert(c, 1, key);
            }
            assertThat(ShardContext.currentFence()).isNotNull();
            assertThat(runElsewhere(carried)).as("wrap binds the fence with the shard").isTrue();
        }
        assertThat(ids(owner)).containsExactly(1L);
    }

    private static boolean runElsewhere(Callable<Boolean> task) throws Exception {
        Boolean[] result = new Boolean[1];
        Exception[] failure = new Exception[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = task.call();
            } catch (Exception ex) {
                failure[0] = ex;
            }
        });
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private Shard ownerOf(long key) {
        return rule.shardOf(key);
    }

    private void markMoving(Shard shard, long key) throws SQLException {
        try (Connection c = shard.dataSource().getConnection()) {
            BucketTables.setMoving(c, RULE, writes.strategy().bucketOf(RULE, key), "elsewhere");
        }
    }

    private long journalOf(Shard shard, long key) throws SQLException {
        try (Connection c = shard.dataSource().getConnection()) {
            return BucketTables.journalOf(c, RULE, writes.strategy().bucketOf(RULE, key), 1000).size();
        }
    }

    private static void insert(Connection c, long id, long customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, id);
            ps.setLong(2, customer);
            ps.executeUpdate();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Long> ids(Shard shard) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = shard.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM orders ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
