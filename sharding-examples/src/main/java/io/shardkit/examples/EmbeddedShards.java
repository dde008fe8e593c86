package io.shardkit.examples;

import io.shardkit.examples.analytics.PriceBand;
import io.shardkit.examples.analytics.PriceBandAnalytics;
import io.shardkit.examples.events.OrderPlaced;
import io.shardkit.examples.order.OrderService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Supplies embedded in-memory H2 shards when the configuration names none: so the demo needs nothing installed,
 * while the {@code postgres} and {@code mariadb} profiles, which list their shards under
 * {@code shardkit.shards}, are left alone.
 *
 * <p>Each run gets database names of its own (a random run id), so two services or two tests in one JVM never
 * share a shard. With fewer than three shards the three price bands share the last one.
 *
 * <p>Thread-safe (immutable); runs once, when the environment is prepared.
 */
final class EmbeddedShards implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** Name of the property source this adds. */
    static final String SOURCE_NAME = "shardkit-embedded-shards";

    private final int shardCount;
    private final int poolSize;
    private final int seedShards;

    /**
     * @param seedShards 0 for the configured rules; otherwise the orders rule becomes bucketed over all
     *                   {@code shardCount} shards with its buckets seeded on the first {@code seedShards}, order
     *                   ids carry their bucket, and the mover is declared for the order tables and their events
     */
    EmbeddedShards(int shardCount, int poolSize, int seedShards) {
        this.shardCount = shardCount;
        this.poolSize = poolSize;
        this.seedShards = seedShards;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        boolean configured = Binder.get(env).bind("shardkit.shards", Bindable.mapOf(String.class, Object.class))
                .map(shards -> !shards.isEmpty()).orElse(false);
        if (!configured) {
            env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, properties()));
        }
    }

    /** The {@code shardkit.shards.*} properties of {@link #shardCount} fresh H2 shards. */
    Map<String, Object> properties() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < shardCount; i++) {
            String prefix = "shardkit.shards.shard-" + i + ".";
            // LOCK_TIMEOUT: H2's default of 1s is short for a 2-core machine under the demo's load.
            p.put(prefix + "index", i);
            p.put(prefix + "url", "jdbc:h2:mem:shardkit-" + run + "-" + i + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
            p.put(prefix + "username", "sa");
            p.put(prefix + "password", "");
            p.put(prefix + "pool.maximum-pool-size", poolSize);
        }
        if (seedShards > 0) {
            bucketed(p);
        }
        if (shardCount < 3) {
            // The three price bands want three shards; with fewer they share the last one.
            String ranges = "shardkit.rules." + PriceBandAnalytics.PRICE_BANDS_RULE + ".ranges";
            p.put(ranges + "[0].to", PriceBand.SMALL_BELOW);
            p.put(ranges + "[0].shard", shardName(0));
            p.put(ranges + "[1].from", PriceBand.SMALL_BELOW);
            p.put(ranges + "[1].to", PriceBand.LARGE_FROM);
            p.put(ranges + "[1].shard", shardName(1));
            p.put(ranges + "[2].from", PriceBand.LARGE_FROM);
            p.put(ranges + "[2].shard", shardName(2));
        }
        return p;
    }

    /**
     * The orders rule bucketed (1024 buckets on the first {@link #seedShards}), ids that follow their bucket, and
     * the mover's tables: an order with its items, and its events (aggregate id = order id). The demo deletes the
     * old owners' copies right after the move (cleanup delay 0: its single instance has no stale map to serve).
     */
    private void bucketed(Map<String, Object> p) {
        String orders = "shardkit.rules." + OrderService.ORDERS_RULE + ".";
        p.put(orders + "strategy", "bucketed");
        p.put(orders + "seed-shards", seedShards);
        p.put("shardkit.rules." + OrderService.ORDER_IDS_RULE + ".strategy", "bucketed-id");
        p.put("shardkit.rules." + OrderService.ORDER_IDS_RULE + ".buckets-rule", OrderService.ORDERS_RULE);
        p.put("shardkit.reshard.cleanup-delay", "0s");
        String mover = "shardkit.reshard.rules." + OrderService.ORDERS_RULE + ".";
        p.put(mover + "tables[0].table", "orders");
        p.put(mover + "tables[0].key-column", "customer_id");
        p.put(mover + "tables[0].id-column", "id");
        p.put(mover + "tables[1].table", "order_items");
        p.put(mover + "tables[1].parent-column", "order_id");
        p.put(mover + "tables[1].parent-table", "orders");
        p.put(mover + "outbox", "by-bucketed-id");
        p.put(mover + "outbox-aggregate-types[0]", OrderPlaced.AGGREGATE);
    }

    private String shardName(int band) {
        return "shard-" + Math.min(band, shardCount - 1);
    }
}
