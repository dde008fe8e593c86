package io.shardkit.reshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A write that bypasses the bucket fence during a move makes the verification fail: the cutover is abandoned, the
 * bucket stays on its source, and none of the bucket's pending events is copied to the target, whose relay would
 * otherwise publish them beside the source's originals. A rollback then leaves nothing of the move behind.
 */
class ReshardVerifyFailureTest {

    @Test
    void anAbandonedCutoverLeavesTheBucketAndItsEventsOnTheSource() throws SQLException {
        try (OrderShards db = new OrderShards(16)) {
            ShardingRule rule = db.eight();
            BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
            BucketWrites writes = BucketWrites.of(rule);
            Shard source = db.shards.get(0);
            Shard target = db.shards.get(4);
            int bucket = strategy.map().bucketsOf(0).get(0);
            long customer = customerIn(strategy, bucket);
            db.placeOrder(writes, customer, 1);
            long pendingOnSource = pending(db, source);
            assertThat(pendingOnSource).as("the relay is not running: the event waits").isPositive();

            Resharder mover = Resharder.builder(rule).tables(OrderShards.TABLES)
                    .config(ReshardConfig.custom().outbox("outbox", OutboxBuckets.byShardKey(strategy, Long::valueOf))
                            .build())
                    .listener(new MoveListener() {
                        @Override
                        public void beforeStep(BucketMove move, MoveStep step) {
                            if (step == MoveStep.VERIFY) {
                                bypassTheFence(source, customer);
                            }
                        }
                    }).build();
            assertThatThrownBy(() -> mover.move(bucket, target.name())).isInstanceOf(ReshardException.class)
                    .hasMessageContaining("a write bypassed shardkit's bucket fence?");

            strategy.refresh();
            assertThat(strategy.map().ownerName(bucket)).isEqualTo(source.name());
            assertThat(pending(db, target)).as("no event copies on the target").isZero();
            assertThat(pending(db, source)).isEqualTo(pendingOnSource);

            mover.rollback(bucket);
            assertThat(mover.status()).isEmpty();
            assertThat(db.count(target, "SELECT COUNT(*) FROM orders")).as("rows left on the target").isZero();
        }
    }

    private static long customerIn(BucketedStrategy strategy, int bucket) {
        for (long customer = 0; ; customer++) {
            if (strategy.bucketOf(OrderShards.RULE, customer) == bucket) {
                return customer;
            }
        }
    }

    /** An order written straight to the source's database, as a SQL console would: no fence, no journal. */
    private static void bypassTheFence(Shard source, long customer) {
        try (Connection c = source.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO orders VALUES (999999, " + customer + ", 1.00, 'NEW')");
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static long pending(OrderShards db, Shard shard) throws SQLException {
        return db.count(shard, "SELECT COUNT(*) FROM outbox WHERE published_at IS NULL");
    }
}
