package io.shardkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.shardkit.scatter.FailurePolicy;
import io.shardkit.strategy.HashAlgorithm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The YAML of issue #3, flattened as Boot flattens YAML, binds completely and passes validation. */
class ShardkitPropertiesBindingTest {

    @Test
    void theIssuesExampleBindsEveryKey() {
        ShardkitProperties properties = bind(issueExample());

        assertThat(properties.getDefaultRule()).isEqualTo("orders");
        assertThat(properties.getShards()).containsOnlyKeys("shard-0", "shard-1");
        ShardProperties shard0 = properties.getShards().get("shard-0");
        assertThat(shard0.getUrl()).isEqualTo("jdbc:h2:mem:shard0;DB_CLOSE_DELAY=-1");
        assertThat(shard0.getUsername()).isEqualTo("sa");
        assertThat(shard0.getPool().getMaximumPoolSize()).isEqualTo(16);
        assertThat(properties.getShards().get("shard-1").getPool().getMaximumPoolSize()).isEqualTo(10);

        RuleProperties orders = properties.getRules().get("orders");
        assertThat(orders.getStrategy()).isEqualTo(RuleProperties.Strategy.HASH);
        assertThat(orders.getAlgorithm()).isEqualTo(HashAlgorithm.JUMP);
        assertThat(orders.getShards()).isNull();

        RuleProperties byPrice = properties.getRules().get("by-price");
        assertThat(byPrice.getStrategy()).isEqualTo(RuleProperties.Strategy.RANGE);
        assertThat(byPrice.getKeyType()).isEqualTo(ShardKeyType.LONG);
        assertThat(byPrice.getRanges()).extracting(RuleProperties.Range::getFrom, RuleProperties.Range::getTo,
                RuleProperties.Range::getShard).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, "9000", "shard-0"),
                org.assertj.core.groups.Tuple.tuple("9000", null, "shard-1"));

        RuleProperties.Directory directory = properties.getRules().get("merchants").getDirectory();
        assertThat(directory.getShard()).isEqualTo("shard-0");
        assertThat(directory.getTable()).isEqualTo("shard_directory");
        assertThat(directory.getCache().getMaximumSize()).isEqualTo(100_000);
        assertThat(directory.getCache().getTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(properties.getRules().get("order-ids").getStrategy()).isEqualTo(RuleProperties.Strategy.ID);

        ScatterGatherProperties scatter = properties.getScatterGather();
        assertThat(scatter.getParallelism()).isEqualTo(16);
        assertThat(scatter.getTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(scatter.getFailurePolicy()).isEqualTo(FailurePolicy.FAIL_FAST);

        assertThatCode(() -> ShardkitPropertiesValidator.validate(properties,
                Set.of("shard-0", "shard-1"))).doesNotThrowAnyException();
    }

    @Test
    void moduloAndExplicitShardListsBind() {
        Map<String, String> source = new LinkedHashMap<>(issueExample());
        source.put("shardkit.rules.orders.algorithm", "modulo");
        source.put("shardkit.rules.orders.shards[0]", "shard-1");
        source.put("shardkit.rules.orders.key-type", "local-date");
        RuleProperties orders = bind(source).getRules().get("orders");
        assertThat(orders.getAlgorithm()).isEqualTo(HashAlgorithm.MODULO);
        assertThat(orders.getShards()).containsExactly("shard-1");
        assertThat(orders.getKeyType()).isEqualTo(ShardKeyType.LOCAL_DATE);
    }

    static Map<String, String> issueExample() {
        Map<String, String> yaml = new LinkedHashMap<>();
        yaml.put("shardkit.default-rule", "orders");
        yaml.put("shardkit.shards.shard-0.url", "jdbc:h2:mem:shard0;DB_CLOSE_DELAY=-1");
        yaml.put("shardkit.shards.shard-0.username", "sa");
        yaml.put("shardkit.shards.shard-0.pool.maximum-pool-size", "16");
        yaml.put("shardkit.shards.shard-1.url", "jdbc:h2:mem:shard1;DB_CLOSE_DELAY=-1");
        yaml.put("shardkit.shards.shard-1.username", "sa");
        yaml.put("shardkit.rules.orders.strategy", "hash");
        yaml.put("shardkit.rules.by-price.strategy", "range");
        yaml.put("shardkit.rules.by-price.key-type", "long");
        yaml.put("shardkit.rules.by-price.ranges[0].to", "9000");
        yaml.put("shardkit.rules.by-price.ranges[0].shard", "shard-0");
        yaml.put("shardkit.rules.by-price.ranges[1].from", "9000");
        yaml.put("shardkit.rules.by-price.ranges[1].shard", "shard-1");
        yaml.put("shardkit.rules.merchants.strategy", "directory");
        yaml.put("shardkit.rules.merchants.directory.shard", "shard-0");
        yaml.put("shardkit.rules.merchants.directory.table", "shard_directory");
        yaml.put("shardkit.rules.merchants.directory.cache.maximum-size", "100000");
        yaml.put("shardkit.rules.merchants.directory.cache.ttl", "10m");
        yaml.put("shardkit.rules.order-ids.strategy", "id");
        yaml.put("shardkit.scatter-gather.parallelism", "16");
        yaml.put("shardkit.scatter-gather.timeout", "2s");
        yaml.put("shardkit.scatter-gather.failure-policy", "fail-fast");
        return yaml;
    }

    private static ShardkitProperties bind(Map<String, String> source) {
        return new Binder(new MapConfigurationPropertySource(source))
                .bind(ShardkitProperties.PREFIX, ShardkitProperties.class).get();
    }
}
