package io.shardkit.scatter;

import io.shardkit.Shard;
import io.shardkit.ShardingRule;
import io.shardkit.strategy.ShardingStrategies;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** Shards on private in-memory H2 databases (unique names, so tests can run in parallel). */
final class ScatterFixtures {

    private ScatterFixtures() {
    }

    /** A hash rule named {@code rule} over {@code count} fresh shards named {@code s0..s<count-1>}. */
    static ShardingRule hashRule(String rule, int count) {
        String run = UUID.randomUUID().toString();
        List<Shard> shards = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:" + rule + "-" + run + "-s" + i + ";DB_CLOSE_DELAY=-1");
            shards.add(new Shard("s" + i, i, ds));
        }
        return new ShardingRule(rule, shards, ShardingStrategies.hash(count));
    }
}
