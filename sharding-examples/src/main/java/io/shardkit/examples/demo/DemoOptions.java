package io.shardkit.examples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's command-line flags. Flags this class does not know and that start with {@code --spring.},
 * {@code --server.}, {@code --shardkit.} or {@code --logging.} are passed on to Spring untouched (e.g.
 * {@code --spring.profiles.active=postgres}); anything else is refused with {@link IllegalArgumentException}
 * naming the flag, so a typo never runs a different demo than the one asked for.
 *
 * <p>Immutable and thread-safe.
 *
 * @param orders     how many orders to place ({@code --orders=N})
 * @param threads    how many concurrent clients place them ({@code --threads=T})
 * @param shards     how many shards the embedded H2 deployment has ({@code --shards=S})
 * @param customers  how many distinct customers the orders are spread over ({@code --customers=C})
 * @param merchants  how many merchants are created at start ({@code --merchants=M})
 * @param serve      keep the HTTP API up after the report instead of exiting ({@code --serve})
 * @param progress   draw the live progress line ({@code --no-progress} turns it off)
 * @param springArgs the arguments passed on to Spring
 */
public record DemoOptions(int orders, int threads, int shards, int customers, int merchants, boolean serve,
                          boolean progress, List<String> springArgs) {

    public static final int DEFAULT_ORDERS = 100_000;
    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_SHARDS = 4;
    public static final int DEFAULT_CUSTOMERS = 20_000;
    public static final int DEFAULT_MERCHANTS = 200;
    /** Shard indexes are 10 bits wide in shardkit's ids. */
    public static final int MAX_SHARDS = 1024;

    private static final List<String> SPRING_PREFIXES = List.of("--spring.", "--server.", "--shardkit.",
            "--logging.", "--management.");

    public DemoOptions {
        requireAtLeast("orders", orders, 0);
        requireAtLeast("threads", threads, 1);
        requireAtLeast("shards", shards, 1);
        requireAtLeast("customers", customers, 1);
        requireAtLeast("merchants", merchants, 1);
        if (shards > MAX_SHARDS) {
            throw new IllegalArgumentException("--shards must be at most " + MAX_SHARDS + " but was " + shards);
        }
        springArgs = List.copyOf(springArgs);
    }

    /** The defaults: 100,000 orders from 8 clients on 4 shards, then exit. */
    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_ORDERS, DEFAULT_THREADS, DEFAULT_SHARDS, DEFAULT_CUSTOMERS,
                DEFAULT_MERCHANTS, false, true, List.of());
    }

    /** Parses {@code --name=value} flags over the defaults. */
    public static DemoOptions parse(String... args) {
        DemoOptions o = defaults();
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            if (SPRING_PREFIXES.stream().anyMatch(arg::startsWith)) {
                spring.add(arg);
                continue;
            }
            o = apply(o, arg);
        }
        return new DemoOptions(o.orders, o.threads, o.shards, o.customers, o.merchants, o.serve, o.progress,
                spring);
    }

    private static DemoOptions apply(DemoOptions o, String arg) {
        if (arg.equals("--serve")) {
            return new DemoOptions(o.orders, o.threads, o.shards, o.customers, o.merchants, true, o.progress,
                    o.springArgs);
        }
        if (arg.equals("--no-progress")) {
            return new DemoOptions(o.orders, o.threads, o.shards, o.customers, o.merchants, o.serve, false,
                    o.springArgs);
        }
        int eq = arg.indexOf('=');
        String name = eq < 0 ? arg : arg.substring(0, eq);
        if (eq < 0) {
            throw new IllegalArgumentException("unknown flag [" + arg + "]; " + usage());
        }
        int value = number(name, arg.substring(eq + 1));
        return switch (name) {
            case "--orders" -> new DemoOptions(value, o.threads, o.shards, o.customers, o.merchants, o.serve,
                    o.progress, o.springArgs);
            case "--threads" -> new DemoOptions(o.orders, value, o.shards, o.customers, o.merchants, o.serve,
                    o.progress, o.springArgs);
            case "--shards" -> new DemoOptions(o.orders, o.threads, value, o.customers, o.merchants, o.serve,
                    o.progress, o.springArgs);
            case "--customers" -> new DemoOptions(o.orders, o.threads, o.shards, value, o.merchants, o.serve,
                    o.progress, o.springArgs);
            case "--merchants" -> new DemoOptions(o.orders, o.threads, o.shards, o.customers, value, o.serve,
                    o.progress, o.springArgs);
            default -> throw new IllegalArgumentException("unknown flag [" + arg + "]; " + usage());
        };
    }

    private static int number(String name, String text) {
        try {
            return Integer.parseInt(text.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number but was [" + text + "]", e);
        }
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("--" + name + " must be at least " + min + " but was " + value);
        }
    }

    /** One line listing the flags and their defaults. */
    public static String usage() {
        return "flags: --orders=N (" + DEFAULT_ORDERS + ") --threads=T (" + DEFAULT_THREADS + ") --shards=S ("
                + DEFAULT_SHARDS + ") --customers=C (" + DEFAULT_CUSTOMERS + ") --merchants=M ("
                + DEFAULT_MERCHANTS + ") --serve --no-progress, and --spring.*/--server.* passed to Spring";
    }
}
