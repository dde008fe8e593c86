package io.shardkit.examples;

import io.shardkit.ShardRegistry;
import io.shardkit.ShardingRule;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.examples.analytics.PriceBand;
import io.shardkit.examples.merchant.MerchantService;
import io.shardkit.examples.order.OrderService;
import io.shardkit.spring.boot.autoconfigure.ShardingRulesCustomizer;
import io.shardkit.strategy.KeyRange;
import io.shardkit.strategy.ShardingStrategies;
import java.util.Map;

/**
 * Builds, in code, the three rules of the service beyond the hash rule of {@code application.yml}: the starter
 * of this version configures only hash rules from properties.
 * <ul>
 *   <li>{@code order-ids}: the shard index embedded in an order id, over every shard in registry order (the
 *       order the ids were minted for).</li>
 *   <li>{@code price-bands}: order totals in cents, below 9,000 on the first shard, 9,000 up to 30,000 on the
 *       second, 30,000 and more on the third (bands share the last shard when there are fewer).</li>
 *   <li>{@code merchants}: a directory whose table lives on the first shard; new merchants are placed by hash.</li>
 * </ul>
 *
 * <p>Thread-safe (stateless); called once at start-up.
 */
final class OrderRules implements ShardingRulesCustomizer {

    /** The range rule placing the analytics table by order total. */
    static final String PRICE_BANDS_RULE = "price-bands";

    private final String directoryTable;

    OrderRules(String directoryTable) {
        this.directoryTable = directoryTable;
    }

    @Override
    public void customize(ShardRegistry registry, Map<String, ShardingRule> rules) {
        rules.put(OrderService.ORDER_IDS_RULE, ShardingRule.over(OrderService.ORDER_IDS_RULE, registry,
                ShardingStrategies.id(registry.size())));
        rules.put(PRICE_BANDS_RULE, ShardingRule.of(PRICE_BANDS_RULE, registry, ShardingStrategies.range(Long.class)
                .range(KeyRange.lessThan(PriceBand.SMALL_BELOW), band(registry, 0))
                .range(KeyRange.closedOpen(PriceBand.SMALL_BELOW, PriceBand.LARGE_FROM), band(registry, 1))
                .range(KeyRange.atLeast(PriceBand.LARGE_FROM), band(registry, 2))
                .build()));
        rules.put(MerchantService.MERCHANTS_RULE, ShardingRule.over(MerchantService.MERCHANTS_RULE, registry,
                ShardingStrategies.directory(registry.shard(0), registry.shards().stream().map(s -> s.name())
                        .toList(), DirectoryConfig.custom().tableName(directoryTable).build())));
    }

    private static String band(ShardRegistry registry, int band) {
        return registry.shard(Math.min(band, registry.size() - 1)).name();
    }
}
