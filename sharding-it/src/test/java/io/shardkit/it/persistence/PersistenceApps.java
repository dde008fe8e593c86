package io.shardkit.it.persistence;

import io.shardkit.it.support.ShardDatabaseSet;
import io.shardkit.it.support.StartupLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a persistence test app on a set of shard databases with what a user's application.yml would hold and
 * nothing more: the shards, one hash rule {@code orders} by customer id (the default rule), and the app's own
 * settings (its migration location).
 *
 * <p>Stateless and thread-safe.
 */
public final class PersistenceApps {

    /**
     * Warnings of this test module's set-up, not of the application: two SLF4J providers on the module's class path
     * (the example service brings Logback, the other tests slf4j-simple), and Flyway's notice that the H2 the Boot
     * BOM manages is newer than the one Flyway was verified with.
     */
    public static final Pattern[] SETUP_WARNINGS = {
        Pattern.compile("SLF4J\\(W\\)|SLF4J\\(I\\)"),
        Pattern.compile("Using H2 [0-9.]+ which is newer than the version Flyway has been verified with"),
    };

    private PersistenceApps() {
    }

    /** The exception and its causes: Spring's transaction managers wrap what shardkit threw. */
    public static List<Throwable> causes(Throwable ex) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** Starts {@code app} on {@code shards}, capturing its start-up output. */
    public static StartupLog.Captured<ConfigurableApplicationContext> start(Class<?> app, ShardDatabaseSet shards,
                                                                            String... appProperties) {
        Map<String, Object> properties = new LinkedHashMap<>(shards.shardkitProperties());
        properties.put("shardkit.rules.orders.strategy", "hash");
        properties.put("shardkit.default-rule", "orders");
        properties.put("spring.main.banner-mode", "off");
        for (String property : appProperties) {
            int eq = property.indexOf('=');
            properties.put(property.substring(0, eq), property.substring(eq + 1));
        }
        // A property source that keeps the order given, as application.yml does: shard-0 is declared first, so it
        // gets index 0 (default properties would be a hash map, in no order).
        // Other apps' application*.yml are on this module's test class path: this one reads none of them (a default
        // property, so that it counts when the config files are looked for).
        return StartupLog.capture(() -> new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
                .properties("spring.config.name=shardkit-it-persistence")
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("shardkit-it-app", properties)))
                .run());
    }
}
