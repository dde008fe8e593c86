package io.shardkit.it.spring;

import io.shardkit.it.support.ShardDatabaseSet;
import io.shardkit.spring.testing.RoutingTestApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the starter's own test application ({@link RoutingTestApplication}, from its test-jar) on real shards:
 * the same {@code @Sharded} repository and service its H2 tests run, here against PostgreSQL or MariaDB.
 *
 * <p>Stateless and thread-safe.
 */
public final class StarterApplication {

    private StarterApplication() {
    }

    /** The application on {@code shards} with a hash rule {@code orders} by {@code long} customer id. */
    public static ConfigurableApplicationContext start(ShardDatabaseSet shards, String... extraProperties) {
        return start(List.of(), shards, extraProperties);
    }

    /** As {@link #start(ShardDatabaseSet, String...)}, with a test's own configuration classes beside it. */
    public static ConfigurableApplicationContext start(List<Class<?>> also, ShardDatabaseSet shards,
                                                       String... extraProperties) {
        Map<String, Object> properties = new LinkedHashMap<>(shards.shardkitProperties());
        properties.put("shardkit.rules.orders.strategy", "hash");
        properties.put("shardkit.rules.orders.key-type", "long");
        properties.put("shardkit.default-rule", "orders");
        properties.put("shardkit.health.timeout", "2s");
        // The example service's application*.yml is on this module's test classpath too (ExampleServiceLoadIT
        // starts that service); a config name no file has keeps this application to exactly what is set here.
        properties.put("spring.config.name", "shardkit-it-orders");
        // A JdbcTemplate application that creates its own tables; Flyway is on this module's class path for the
        // Spring Data JDBC apps.
        properties.put("spring.flyway.enabled", "false");
        for (String property : extraProperties) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        List<Class<?>> sources = new ArrayList<>(also);
        sources.add(0, RoutingTestApplication.class);
        return new SpringApplicationBuilder(sources.toArray(new Class<?>[0])).web(WebApplicationType.NONE)
                .properties(properties).run();
    }
}
