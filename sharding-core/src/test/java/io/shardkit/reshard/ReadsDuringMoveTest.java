package io.shardkit.reshard;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.scatter.Merges;
import io.shardkit.scatter.OwnershipFilter;
import io.shardkit.scatter.ScatterGatherExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * While a moved bucket's rows are on both shards (flipped, not cleaned up), a scatter-gather with the ownership
 * filter returns every order once, and the standalone diff finds source and target equal.
 */
class ReadsDuringMoveTest {

    @Test
    void everyRowOnceWhileABucketIsOnTwoShards() throws Exception {
        try (OrderShards db = new OrderShards(16); ScatterGatherExecutor executor = ScatterGatherExecutor.ofDefaults()) {
            ShardingRule rule = db.eight();
            BucketWrites writes = BucketWrites.of(rule);
            for (long customer = 0; customer < 64; customer++) {
                db.placeOrder(writes, customer, 0);
            }
            BucketedStrategy strategy = writes.strategy();
            int bucket = strategy.map().bucketsOf(0).get(0);
            Resharder resharder = Resharder.builder(rule).tables(OrderShards.TABLES)
                    .config(ReshardConfig.custom().cleanupDelay(Duration.ofHours(1)).build()).build();
            resharder.move(bucket, "rs4");
            Shard source = db.shards.get(0);
            Shard target = db.shards.get(4);

            List<BucketDiff.Result> diff = BucketDiff.of(rule, OrderShards.TABLES).compare(source, target,
                    Set.of(bucket));
            assertThat(diff).singleElement().satisfies(r -> {
                assertThat(r.same()).isTrue();
                assertThat(r.rowsA()).isPositive();
            });

            List<long[]> unfiltered = executor.onEveryShard(rule, req -> orders(req.shard()), Merges.<long[]>concat())
                    .value();
            assertThat(unfiltered).as("without the filter the moved bucket counts twice").hasSizeGreaterThan(64);
            OwnershipFilter owned = OwnershipFilter.of(rule);
            List<long[]> rows = executor.onEveryShard(rule, owned.rows(req -> orders(req.shard()), r -> r[1]),
                    Merges.<long[]>concat()).value();
            assertThat(rows).hasSize(64);
            assertThat(rows.stream().map(r -> r[0]).distinct()).hasSize(64);
        }
    }

    private static List<long[]> orders(Shard shard) throws Exception {
        List<long[]> rows = new ArrayList<>();
        try (Connection c = shard.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, customer_id FROM orders")) {
            while (rs.next()) {
                rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return rows;
    }
}
