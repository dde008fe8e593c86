package io.shardkit.spring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture for online resharding: the {@link TestShards} with a bucketed rule {@code orders} of
 * {@value #BUCKETS} buckets seeded on the first two shards (long keys, the customer id), declared for moves with
 * its {@code orders} table; orders written through the rule's bucket fence; and the placement check every move
 * ends with.
 */
public final class BucketedOrders {

    public static final int BUCKETS = 16;

    private BucketedOrders() {
    }

    /**
     * The shards, with a lock timeout well above any fence (a test may hold a bucket's row to keep a move
     * running), and the rule and its moves.
     */
    public static List<String> properties(String prefix) {
        List<String> properties = new ArrayList<>(TestShards.properties(prefix, ";LOCK_TIMEOUT=30000"));
        properties.addAll(List.of("shardkit.rules.orders.strategy=bucketed",
                "shardkit.rules.orders.buckets=" + BUCKETS, "shardkit.rules.orders.seed-shards=2",
                "shardkit.rules.orders.key-type=long",
                "shardkit.reshard.rules.orders.tables[0].table=orders",
                "shardkit.reshard.rules.orders.tables[0].key-column=customer_id",
                "shardkit.reshard.rules.orders.tables[0].id-column=id"));
        return properties;
    }

    /** Creates the orders table on every shard and writes order {@code c} of customer {@code c} for each customer. */
    public static void place(ShardRegistry registry, BucketWrites writes, int customers) throws SQLException {
        TestShards.createOrdersTable(registry);
        for (long customer = 1; customer <= customers; customer++) {
            long id = customer;
            writes.write(customer, c -> {
                try (PreparedStatement insert = c.prepareStatement("insert into orders values (?, ?, ?)")) {
                    insert.setLong(1, id);
                    insert.setLong(2, id);
                    insert.setLong(3, id * 10);
                    return insert.executeUpdate();
                }
            });
        }
    }

    /**
     * Every order once on the shard its bucket's owner is, after the cleanup; before it, a moved bucket's rows are
     * also still on the old owner, so only the owners are checked then.
     */
    public static void assertOnOwners(ShardingRule rule, int customers) {
        BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
        strategy.refresh();
        int found = 0;
        for (Shard shard : rule.shards()) {
            for (long id : TestShards.direct(shard).queryForList("select customer_id from orders", Long.class)) {
                if (strategy.map().ownerName(strategy.bucketOf(rule.name(), id)).equals(shard.name())) {
                    found++;
                }
            }
        }
        assertThat(found).as("orders on the owner of their bucket").isEqualTo(customers);
    }

    /** Rows of the orders table on {@code shard}. */
    public static int rowsOn(Shard shard) {
        return TestShards.orderIds(shard).size();
    }
}
