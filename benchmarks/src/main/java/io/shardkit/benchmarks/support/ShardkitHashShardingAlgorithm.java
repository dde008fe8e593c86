package io.shardkit.benchmarks.support;

import io.shardkit.ShardingStrategy;
import io.shardkit.strategy.ShardingStrategies;
import java.util.Collection;
import java.util.Properties;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;

/**
 * ShardingSphere's {@code CLASS_BASED} standard algorithm that delegates to shardkit's hash strategy, so that
 * ShardingSphere puts every key on the shard the other peers use. Property {@code shard-count} gives the number
 * of data sources, named {@code ds_0 .. ds_(n-1)}.
 *
 * <p>ShardingSphere creates it by reflection and calls {@link #init(Properties)} once; thread-safe afterwards.
 */
public final class ShardkitHashShardingAlgorithm implements StandardShardingAlgorithm<Comparable<?>> {

    /** The property naming how many data sources the rule spans. */
    public static final String SHARD_COUNT = "shard-count";

    private ShardingStrategy strategy = ShardingStrategies.hash(1);
    private String[] names = {H2Shards.shardName(0)};

    @Override
    public void init(Properties props) {
        String count = props.getProperty(SHARD_COUNT);
        if (count == null) {
            throw new IllegalArgumentException("CLASS_BASED algorithm " + getClass().getName() + " needs property ["
                    + SHARD_COUNT + "]");
        }
        int shards = Integer.parseInt(count.trim());
        strategy = ShardingStrategies.hash(shards);
        names = new String[shards];
        for (int i = 0; i < shards; i++) {
            names[i] = H2Shards.shardName(i);
        }
    }

    @Override
    public String doSharding(Collection<String> availableTargetNames, PreciseShardingValue<Comparable<?>> value) {
        return names[strategy.shardOf(H2Shards.RULE, value.getValue())];
    }

    /** Hash placement cannot prune a range: every shard may hold keys in it. */
    @Override
    public Collection<String> doSharding(Collection<String> availableTargetNames,
            RangeShardingValue<Comparable<?>> value) {
        return availableTargetNames;
    }

    @Override
    public String getType() {
        return "SHARDKIT_HASH";
    }
}
