package io.shardkit.examples;

import io.shardkit.examples.demo.DemoOptions;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The order service as a Spring Boot application. {@link #application(DemoOptions)} is how the demo, the tests
 * and anyone embedding the service start it: with embedded H2 shards unless a profile configures others.
 *
 * <p>Not instantiable by users; Spring instantiates it as a configuration class.
 */
@SpringBootApplication
public class OrderServiceApplication {

    /** Connections per embedded shard: enough for the demo's clients plus the relay and scatter-gather. */
    static final int EMBEDDED_POOL_SIZE = 16;

    /** Starts the HTTP API alone: {@code java -cp ... io.shardkit.examples.OrderServiceApplication}. */
    public static void main(String[] args) {
        DemoOptions options = DemoOptions.parse(args);
        application(new DemoOptions(0, 1, options.shards(), options.customers(), options.merchants(), true, false,
                options.springArgs())).run(options.springArgs().toArray(String[]::new));
    }

    /**
     * The application for {@code options}: a web server only with {@link DemoOptions#serve()}; embedded H2
     * shards ({@link DemoOptions#embeddedShards()} of them) unless the configuration lists shards; with
     * {@link DemoOptions#reshardTo()}, a bucketed orders rule whose buckets start on the first
     * {@link DemoOptions#shards()} and its mover.
     */
    public static SpringApplication application(DemoOptions options) {
        SpringApplication app = new SpringApplication(OrderServiceApplication.class);
        app.setWebApplicationType(options.serve() ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        app.addListeners(new EmbeddedShards(options.embeddedShards(), EMBEDDED_POOL_SIZE,
                options.reshardTo() == 0 ? 0 : options.shards()));
        // The demo's report is the output; the service's lifecycle logs matter when it serves.
        app.setDefaultProperties(Map.of("orders-demo.merchants", options.merchants(),
                "logging.level.io.shardkit", options.serve() ? "INFO" : "WARN",
                "spring.main.log-startup-info", options.serve()));
        return app;
    }
}
