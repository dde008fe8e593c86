package io.shardkit.examples;

import io.shardkit.examples.demo.DemoOptions;
import io.shardkit.examples.demo.DemoReport;
import io.shardkit.examples.demo.DemoRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's first command: {@code java -jar sharding-examples/target/shardkit-order-demo.jar [flags]}
 * starts the order service on embedded H2 shards, places the orders, prints the report and exits 0 (1 when an
 * order failed, an event was left unpublished or an expansion's audit found a misplaced row, 2 on a bad flag).
 * With {@code --serve} the HTTP API stays up after the report. See {@link DemoOptions#usage()} for the flags.
 *
 * <p>Not instantiable; {@link #main} only.
 */
public final class OrderDemo {

    private OrderDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(DemoOptions.helpText());
            return;
        }
        ConfigurableApplicationContext context = OrderServiceApplication.application(options)
                .run(options.springArgs().toArray(String[]::new));
        DemoReport report;
        try {
            report = context.getBean(DemoRunner.class).run(options, System.out);
        } catch (IllegalArgumentException e) {
            // A flag this deployment cannot honour (--reshard-to with a profile's own shards).
            System.err.println(e.getMessage());
            System.exit(SpringApplication.exit(context, () -> 2));
            return;
        }
        if (options.serve()) {
            String port = context.getEnvironment().getProperty("local.server.port", "8080");
            System.out.printf("%nserving the HTTP API and the actuator on http://localhost:%1$s; Ctrl-C stops it%n"
                    + "  curl -s localhost:%1$s/stats                          rows, revenue and outbox per shard%n"
                    + "  curl -s localhost:%1$s/actuator/health                health of every shard and its outbox%n"
                    + "  curl -s localhost:%1$s/actuator/metrics/shardkit.routed.calls   one meter%n"
                    + "  curl -s localhost:%1$s/actuator/prometheus | grep '^shardkit_'   the Prometheus scrape%n",
                    port);
            return;
        }
        System.exit(SpringApplication.exit(context, () -> report.healthy() ? 0 : 1));
    }
}
