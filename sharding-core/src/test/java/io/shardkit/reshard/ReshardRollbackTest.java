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
 * A rollback that fails half-way keeps the move recorded, so it can run again: the target's copies are deleted
 * before the source forgets the move.
 */
class ReshardRollbackTest {

    @Test
    void aRollbackWhoseTargetDeleteFailedCanRunAgainAndLeavesNothingBehind() throws SQLException {
        try (OrderShards db = new OrderShards(16)) {
            ShardingRule rule = db.eight();
            BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
            BucketWrites writes = BucketWrites.of(rule);
            for (long customer = 0; customer < 64; customer++) {
                db.placeOrder(writes, customer, 1);
            }
            Shard target = db.shards.get(4);
            int bucket = strategy.map().bucketsOf(0).get(0);
            Resharder stopped = Resharder.builder(rule).tables(OrderShards.TABLES).listener(new MoveListener() {
                @Override
                public void beforeStep(BucketMove move, MoveStep step) {
                    if (step == MoveStep.FENCE) {
                        throw new IllegalStateException("stopped before the fence");
                    }
                }
            }).build();
            assertThatThrownBy(() -> stopped.move(bucket, target.name())).hasMessageContaining("stopped");
            assertThat(db.count(target, "SELECT COUNT(*) FROM orders")).as("the copy reached the target").isPositive();

            Resharder mover = Resharder.builder(rule).tables(OrderShards.TABLES).build();
            execute(target, "ALTER TABLE order_items RENAME TO order_items_away");
            assertThatThrownBy(() -> mover.rollback(bucket)).isInstanceOf(ReshardException.class);
            assertThat(mover.status()).as("still recorded, so the rollback can run again").hasSize(1);

            execute(target, "ALTER TABLE order_items_away RENAME TO order_items");
            mover.rollback(bucket);
            assertThat(mover.status()).isEmpty();
            assertThat(db.count(target, "SELECT COUNT(*) FROM orders")).as("rows left on the target").isZero();
            db.assertClean(rule);
        }
    }

    private static void execute(Shard shard, String sql) throws SQLException {
        try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
