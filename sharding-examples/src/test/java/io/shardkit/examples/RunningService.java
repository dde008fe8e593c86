package io.shardkit.examples;

import io.shardkit.examples.demo.DemoOptions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the order service for a test, on embedded H2 shards of its own, the way the demo does. */
public final class RunningService {

    private RunningService() {
    }

    /**
     * A started service.
     *
     * @param shards    how many embedded shards
     * @param merchants how many merchants to create
     * @param serve     whether to start the web server (on a random port)
     * @param extra     further {@code --name=value} Spring arguments
     */
    public static ConfigurableApplicationContext start(int shards, int merchants, boolean serve, String... extra) {
        return start(new DemoOptions(0, 1, shards, 1_000, merchants, serve, false, List.of()), extra);
    }

    /** A started service deployed as {@code options} asks (its shards, merchants, web server, resharding). */
    public static ConfigurableApplicationContext start(DemoOptions options, String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--orders-demo.event-log-capacity=10000"));
        args.addAll(List.of(extra));
        return OrderServiceApplication.application(options).run(args.toArray(String[]::new));
    }
}
