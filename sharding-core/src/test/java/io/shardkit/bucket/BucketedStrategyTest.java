package io.shardkit.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.id.IdLayout;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.strategy.ShardingStrategies;
import io.shardkit.testing.H2ShardFixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored bucket map: seeded once, shared by instances, copied to new shards, learned, fenced. */
class BucketedStrategyTest {

    private final List<Shard> shards = H2ShardFixtures.shards("bk", 8);

    @Test
    void seedsTheMapOnceAndEveryInstanceReadsTheSame() throws SQLException {
        BucketedStrategy first = BucketedStrategy.create("orders", shards.subList(0, 4), 1024);
        assertThat(first.map()).isEqualTo(BucketMap.seed(names(4), 1024, 4));
        for (Shard shard : shards.subList(0, 4)) {
            try (Connection c = shard.dataSource().getConnection()) {
                assertThat(BucketTables.readAll(c, "orders")).hasSize(1024);
            }
        }
        assertThat(BucketedStrategy.create("orders", shards.subList(0, 4), 1024).map()).isEqualTo(first.map());
    }

    @Test
    void shardsAddedToTheRuleReceiveTheMapAndNoBuckets() throws SQLException {
        BucketMap four = BucketedStrategy.create("orders", shards.subList(0, 4), 1024).map();
        BucketedStrategy eight = BucketedStrategy.create("orders", shards, 1024);
        assertThat(eight.map().owners()).containsExactly(four.owners());
        assertThat(eight.map().counts()).containsExactly(256, 256, 256, 256, 0, 0, 0, 0);
        try (Connection c = shards.get(7).dataSource().getConnection()) {
            assertThat(BucketTables.readAll(c, "orders")).hasSize(1024)
                    .allSatisfy(row -> assertThat(row.owner()).isNotEqualTo("bk7"));
        }
    }

    @Test
    void theBucketCountIsFixedOnceStored() {
        BucketedStrategy.create("orders", shards.subList(0, 2), 1024);
        assertThatThrownBy(() -> BucketedStrategy.create("orders", shards.subList(0, 2), 4096))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("bucket");
    }

    @Test
    void theNewestEpochPerBucketWinsAcrossShards() throws SQLException {
        BucketedStrategy.create("orders", shards.subList(0, 4), 16);
        try (Connection c = shards.get(1).dataSource().getConnection()) {
            BucketTables.setOwner(c, "orders", 0, "bk1", 3); // a flip recorded on bk1 only (others not yet)
        }
        BucketedStrategy reread = BucketedStrategy.create("orders", shards.subList(0, 4), 16);
        assertThat(reread.map().ownerName(0)).isEqualTo("bk1");
        assertThat(reread.map().epoch()).isEqualTo(3);
    }

    @Test
    void learnAdoptsOnlyNewerOwners() {
        BucketedStrategy s = ShardingStrategies.bucketed("orders", BucketMap.seed(names(4), 64, 4));
        assertThat(s.learn(5, "bk3", 0)).isFalse();
        assertThat(s.learn(5, "bk3", 1)).isTrue();
        assertThat(s.map().ownerName(5)).isEqualTo("bk3");
        assertThat(s.learn(5, "bk0", 1)).isFalse();
    }

    @Test
    void theFingerprintIgnoresOwnersAndNamesTheBucketCount() {
        BucketedStrategy a = ShardingStrategies.bucketed("orders", BucketMap.seed(names(4), 1024, 4));
        BucketedStrategy b = ShardingStrategies.bucketed("orders", BucketMap.seed(names(4), 1024, 4).with(0, 3, 1));
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).contains("buckets=1024");
        assertThat(ShardingStrategies.bucketed("orders", BucketMap.seed(names(4), 4096, 4)).fingerprint())
                .isNotEqualTo(a.fingerprint());
    }

    @Test
    void anOldOwnerRefusesTheWriteInTheDatabaseAndTheWriterRetriesOnTheNewOwner() throws SQLException {
        ShardingRule rule = new ShardingRule("orders", shards.subList(0, 4),
                BucketedStrategy.create("orders", shards.subList(0, 4), 64));
        BucketWrites writes = BucketWrites.of(rule);
        BucketedStrategy strategy = writes.strategy();
        long key = 42L;
        int bucket = strategy.bucketOf("orders", key);
        String from = strategy.map().ownerName(bucket);
        String to = from.equals("bk0") ? "bk1" : "bk0";
        for (Shard shard : shards.subList(0, 4)) {
            try (Connection c = shard.dataSource().getConnection()) {
                BucketTables.setOwner(c, "orders", bucket, to, 1); // moved behind this instance's back
            }
        }
        Shard old = rule.shards().get(strategy.map().ownerOf(bucket));
        try (ShardScope ignored = ShardContext.bind(old); Connection c = old.dataSource().getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> writes.enter(c, key)).isInstanceOfSatisfying(BucketMovedException.class,
                    ex -> {
                        assertThat(ex.getShard()).isEqualTo(from);
                        assertThat(ex.getOwner()).isEqualTo(to);
                        assertThat(ex.getBucket()).isEqualTo(bucket);
                    });
            c.rollback();
        }
        String wroteOn = writes.write(key, c -> ShardContext.current().name());
        assertThat(wroteOn).isEqualTo(to);
        assertThat(strategy.map().ownerName(bucket)).isEqualTo(to);
    }

    @Test
    void writesToAMovingBucketAreJournaledInTheirOwnTransaction() throws SQLException {
        ShardingRule rule = new ShardingRule("orders", shards.subList(0, 2),
                BucketedStrategy.create("orders", shards.subList(0, 2), 16));
        BucketWrites writes = BucketWrites.of(rule);
        int bucket = writes.strategy().bucketOf("orders", "alice");
        Shard owner = rule.shards().get(writes.strategy().map().ownerOf(bucket));
        try (Connection c = owner.dataSource().getConnection()) {
            BucketTables.setMoving(c, "orders", bucket, "elsewhere");
        }
        writes.write("alice", c -> null);
        try {
            writes.write("alice", c -> {
                throw new SQLException("rolled back");
            });
        } catch (SQLException expected) {
            // the journal entry of the failed write rolls back with it
        }
        try (Connection c = owner.dataSource().getConnection()) {
            assertThat(BucketTables.journalOf(c, "orders", bucket, 10)).extracting(BucketTables.JournalEntry::key)
                    .containsExactly("alice");
        }
    }

    @Test
    void idsOfABucketedRuleCarryTheBucketAndFollowTheMap() {
        BucketedStrategy strategy = ShardingStrategies.bucketed("orders", BucketMap.seed(names(4), 1024, 4));
        ShardingRule rule = new ShardingRule("orders", shards.subList(0, 4), strategy);
        long id = ShardIdGenerator.ofDefaults().nextIdFor(rule, 7L);
        int bucket = strategy.bucketOf("orders", 7L);
        assertThat(IdLayout.DEFAULT.shardOf(id)).isEqualTo(bucket);
        var byId = ShardingStrategies.bucketedId(strategy, IdLayout.DEFAULT);
        assertThat(byId.shardOf("orders", id)).isEqualTo(strategy.shardOf("orders", 7L));
        strategy.learn(bucket, "bk3", 1);
        assertThat(byId.shardOf("orders", id)).isEqualTo(3);
    }

    private List<String> names(int n) {
        return shards.subList(0, n).stream().map(Shard::name).toList();
    }
}
