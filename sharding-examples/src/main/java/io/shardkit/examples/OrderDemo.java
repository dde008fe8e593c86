package io.shardkit.examples;

import io.shardkit.examples.demo.DemoOptions;

/**
 * The README's first command: {@code java -jar sharding-examples/target/shardkit-order-demo.jar [flags]}.
 *
 * <p>Not instantiable; {@link #main} only.
 */
public final class OrderDemo {

    private OrderDemo() {
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("shardkit order demo: " + options);
    }
}
