package io.shardkit.spring.testing;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.testing.H2ShardFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Embedded H2 shards for tests: unique database names per call (so test classes and runs never share data),
 * the {@code shardkit.shards.*} properties that declare them, and direct per-shard access that bypasses routing.
 */
public final class TestShards {

    public static final int SHARDS = 4;

    private TestShards() {
    }

    /** Properties declaring {@value #SHARDS} H2 shards {@code shard-0..3} with a unique database each. */
    public static List<String> properties(String prefix) {
        return properties(prefix, "");
    }

    /** {@link #properties(String)} with H2 url settings appended to each shard's url, e.g. a lock timeout. */
    public static List<String> properties(String prefix, String urlSettings) {
        String run = prefix + "-" + UUID.randomUUID();
        List<String> properties = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            properties.add("shardkit.shards.shard-" + i + ".index=" + i);
            properties.add("shardkit.shards.shard-" + i + ".url=" + H2ShardFixtures.url(run + "-" + i)
                    + urlSettings);
            properties.add("shardkit.shards.shard-" + i + ".username=sa");
            properties.add("shardkit.shards.shard-" + i + ".pool.maximum-pool-size=4");
            properties.add("shardkit.shards.shard-" + i + ".pool.minimum-idle=1");
        }
        return properties;
    }

    /** {@link #properties} plus a hash rule {@code orders} over every shard that is also the default rule. */
    public static String[] withOrdersRule(String prefix) {
        List<String> properties = new ArrayList<>(properties(prefix));
        properties.add("shardkit.rules.orders.strategy=hash");
        properties.add("shardkit.rules.orders.key-type=long");
        properties.add("shardkit.default-rule=orders");
        return properties.toArray(new String[0]);
    }

    /** Registers {@link #withOrdersRule} with a test's {@code @DynamicPropertySource}. */
    public static void registerWithOrdersRule(DynamicPropertyRegistry registry, String prefix) {
        for (String property : withOrdersRule(prefix)) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
    }

    /**
     * Registers a range rule {@code orders} (the default rule, long keys, fail-fast fan-outs) that puts keys below
     * 1000 on shard {@code low} and the others on shard {@code high}: two shards a test tells apart by key.
     */
    public static void registerSplitAt1000(DynamicPropertyRegistry registry, String low, String high) {
        registry.add("shardkit.rules.orders.strategy", () -> "range");
        registry.add("shardkit.rules.orders.key-type", () -> "long");
        registry.add("shardkit.rules.orders.ranges[0].to", () -> "1000");
        registry.add("shardkit.rules.orders.ranges[0].shard", () -> low);
        registry.add("shardkit.rules.orders.ranges[1].from", () -> "1000");
        registry.add("shardkit.rules.orders.ranges[1].shard", () -> high);
        registry.add("shardkit.default-rule", () -> "orders");
        registry.add("shardkit.scatter-gather.failure-policy", () -> "fail-fast");
    }

    /** Creates the {@code orders} table on every shard, directly on its DataSource. */
    public static void createOrdersTable(ShardRegistry registry) {
        for (Shard shard : registry.shards()) {
            direct(shard).execute("create table if not exists orders (id bigint primary key, customer_id bigint, "
                    + "amount bigint)");
            direct(shard).execute("delete from orders");
        }
    }

    /** Order ids on {@code shard}, read directly from its DataSource (no routing involved). */
    public static List<Long> orderIds(Shard shard) {
        return direct(shard).queryForList("select id from orders order by id", Long.class);
    }

    /** Rows on every shard together. */
    public static int totalOrders(ShardRegistry registry) {
        int total = 0;
        for (Shard shard : registry.shards()) {
            total += orderIds(shard).size();
        }
        return total;
    }

    public static JdbcTemplate direct(Shard shard) {
        return new JdbcTemplate(shard.dataSource());
    }
}
