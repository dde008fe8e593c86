package io.shardkit.it.examples;

import io.shardkit.examples.OrderServiceApplication;
import io.shardkit.it.support.ShardDatabaseSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the example order service ({@code sharding-examples}) the way its README runs it on PostgreSQL, with the
 * {@code postgres} profile, but with the profile's four shard urls pointed at databases a test created. Without a
 * web server: the load goes through the same {@code OrderPlacement} bean {@code POST /orders} calls.
 *
 * <p>Stateless and thread-safe.
 */
final class ExampleService {

    /**
     * Connections per shard. The profile allows 16, i.e. 64 connections on one PostgreSQL server opened at start;
     * other test JVMs share that server (100 connections by default), and 8 per shard is more than 16 clients
     * spread over 4 shards, the relay and its projections use at once.
     */
    static final int POOL_SIZE = 8;

    private ExampleService() {
    }

    /** The service on {@code shards} (4 of them, as the profile lists), with {@code merchants} merchants. */
    static ConfigurableApplicationContext start(ShardDatabaseSet shards, int merchants) {
        Map<String, String> properties = new LinkedHashMap<>(shards.shardkitProperties());
        for (int i = 0; i < shards.size(); i++) {
            String pool = "shardkit.shards.shard-" + i + ".pool.";
            properties.put(pool + "maximum-pool-size", Integer.toString(POOL_SIZE));
            // A client may wait for a connection while the relay's projections hold some; the test's default of
            // 2 s is meant for outages, not for a busy 2-core machine.
            properties.put(pool + "connection-timeout", "10s");
        }
        properties.put("orders-demo.merchants", Integer.toString(merchants));
        properties.put("logging.level.io.shardkit", "WARN");
        // Command-line arguments outrank the profile's application-postgres.yml; everything not set here
        // (rules, schema, relay, projections) is the service's own configuration.
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(OrderServiceApplication.class).web(WebApplicationType.NONE)
                .profiles("postgres").run(args.toArray(String[]::new));
    }
}
