package io.shardkit.reshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketMovedException;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Two application instances over the same shards, one of which never refreshes its map: after a bucket's flip, the
 * stale instance's writes are refused by the old owner in the database and land on the new owner; none lands on
 * the old owner.
 */
class ReshardStaleInstanceTest {

    @Test
    void noWriteOfAStaleInstanceLandsOnTheOldOwnerAfterTheFlip() throws SQLException {
        try (OrderShards db = new OrderShards(16)) {
            ShardingRule moverSide = db.eight();
            ShardingRule stale = db.eight(); // its own strategy: a second instance's cache
            BucketWrites staleWrites = BucketWrites.of(stale);
            BucketedStrategy staleMap = staleWrites.strategy();
            long customer = 3;
            int bucket = staleMap.bucketOf(OrderShards.RULE, customer);
            Shard oldOwner = stale.shards().get(staleMap.map().ownerOf(bucket));
            Shard newOwner = db.shards.get(4 + staleMap.map().ownerOf(bucket));
            db.placeOrder(staleWrites, customer, 0);
            db.placeOrder(BucketWrites.of(moverSide), customer, 1);

            Resharder.builder(moverSide).tables(OrderShards.TABLES)
                    .config(ReshardConfig.custom().cleanupDelay(Duration.ofHours(1)).build()).build()
                    .move(bucket, newOwner.name());
            String where = "SELECT COUNT(*) FROM orders WHERE customer_id = " + customer;
            long onOldOwner = db.count(oldOwner, where);
            assertThat(staleMap.map().ownerName(bucket)).as("the stale instance's map").isEqualTo(oldOwner.name());

            try (ShardScope ignored = ShardContext.bind(oldOwner); Connection c = oldOwner.dataSource().getConnection()) {
                c.setAutoCommit(false);
                assertThatThrownBy(() -> staleWrites.enter(c, customer)).isInstanceOf(BucketMovedException.class)
                        .hasMessageContaining("does not own bucket " + bucket);
                c.rollback();
            }
            for (long seq = 2; seq < 12; seq++) {
                db.placeOrder(staleWrites, customer, seq);
            }
            assertThat(db.count(oldOwner, where)).as("orders on the old owner after the flip")
                    .isEqualTo(onOldOwner);
            assertThat(db.count(newOwner, where)).as("orders on the new owner").isEqualTo(12);
            assertThat(staleMap.map().ownerName(bucket)).as("learned from the refusal").isEqualTo(newOwner.name());
        }
    }
}
