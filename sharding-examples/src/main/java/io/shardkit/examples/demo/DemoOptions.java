package io.shardkit.examples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's command-line flags. Flags this class does not know and that start with {@code --spring.},
 * {@code --server.}, {@code --shardkit.}, {@code --logging.} or {@code --management.} are passed on to Spring
 * untouched (e.g. {@code --spring.profiles.active=postgres}); anything else is refused with
 * {@link IllegalArgumentException} naming the flag, so a typo never runs a different demo than the one asked for.
 *
 * <p>Immutable and thread-safe.
 *
 * @param orders     how many orders to place ({@code --orders=N})
 * @param threads    how many concurrent clients place them ({@code --threads=T})
 * @param shards     how many shards the embedded H2 deployment has ({@code --shards=S})
 * @param customers  how many distinct customers the orders are spread over ({@code --customers=C})
 * @param merchants  how many merchants are created at start ({@code --merchants=M})
 * @param serve      keep the HTTP API up after the report instead of exiting ({@code --serve})
 * @param progress   report progress while placing ({@code --no-progress} turns it off): a redrawn bar on a
 *                   terminal, a plain line every few seconds otherwise
 * @param springArgs the arguments passed on to Spring
 * @param compare    also place the same orders with plain JDBC and print both rates side by side
 *                   ({@code --compare})
 * @param rounds     with {@code compare}, how many measured rounds of each path ({@code --rounds=R})
 * @param help       print the flags and exit ({@code --help})
 * @param reshardTo  0, or the shard count to expand to half-way through the load ({@code --reshard-to=N}): the
 *                   orders rule is then bucketed, {@code reshardTo} embedded shards are created, the first
 *                   {@code shards} own the buckets, and an even plan moves buckets onto the others while the clients
 *                   keep placing orders
 */
public record DemoOptions(int orders, int threads, int shards, int customers, int merchants, boolean serve,
                          boolean progress, List<String> springArgs, boolean compare, int rounds, boolean help,
                          int reshardTo) {

    public static final int DEFAULT_ORDERS = 100_000;
    public static final int DEFAULT_THREADS = 8;
    public static final int DEFAULT_SHARDS = 4;
    public static final int DEFAULT_CUSTOMERS = 20_000;
    public static final int DEFAULT_MERCHANTS = 200;
    public static final int DEFAULT_ROUNDS = 3;
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
        requireAtLeast("rounds", rounds, 1);
        if (shards > MAX_SHARDS) {
            throw new IllegalArgumentException("--shards must be at most " + MAX_SHARDS + " but was " + shards);
        }
        if (reshardTo != 0) {
            if (reshardTo <= shards || reshardTo > MAX_SHARDS) {
                throw new IllegalArgumentException("--reshard-to must be more than --shards (" + shards
                        + ") and at most " + MAX_SHARDS + " but was " + reshardTo);
            }
            if (compare) {
                throw new IllegalArgumentException("--reshard-to and --compare do not go together: the comparison"
                        + " needs the same shards for both paths; run them one at a time");
            }
        }
        springArgs = List.copyOf(springArgs);
    }

    /** Options with everything up to {@code help}, and no resharding. */
    public DemoOptions(int orders, int threads, int shards, int customers, int merchants, boolean serve,
                       boolean progress, List<String> springArgs, boolean compare, int rounds, boolean help) {
        this(orders, threads, shards, customers, merchants, serve, progress, springArgs, compare, rounds, help, 0);
    }

    /** The shards the embedded deployment creates: {@link #reshardTo} when resharding, else {@link #shards}. */
    public int embeddedShards() {
        return reshardTo == 0 ? shards : reshardTo;
    }

    /** Options without the comparison: one run through the service. */
    public DemoOptions(int orders, int threads, int shards, int customers, int merchants, boolean serve,
                       boolean progress, List<String> springArgs) {
        this(orders, threads, shards, customers, merchants, serve, progress, springArgs, false, DEFAULT_ROUNDS,
                false);
    }

    /** The defaults: 100,000 orders from 8 clients on 4 shards, then exit. */
    public static DemoOptions defaults() {
        return new DemoOptions(DEFAULT_ORDERS, DEFAULT_THREADS, DEFAULT_SHARDS, DEFAULT_CUSTOMERS,
                DEFAULT_MERCHANTS, false, true, List.of());
    }

    /** Parses {@code --name=value} flags over the defaults. */
    public static DemoOptions parse(String... args) {
        Parsed p = new Parsed();
        for (String arg : args) {
            if (SPRING_PREFIXES.stream().anyMatch(arg::startsWith)) {
                p.springArgs.add(arg);
            } else {
                p.apply(arg);
            }
        }
        return new DemoOptions(p.orders, p.threads, p.shards, p.customers, p.merchants, p.serve, p.progress,
                p.springArgs, p.compare, p.rounds, p.help, p.reshardTo);
    }

    /** The flags read so far; the record's constructor validates them once all are read. */
    private static final class Parsed {
        int orders = DEFAULT_ORDERS;
        int threads = DEFAULT_THREADS;
        int shards = DEFAULT_SHARDS;
        int customers = DEFAULT_CUSTOMERS;
        int merchants = DEFAULT_MERCHANTS;
        int rounds = DEFAULT_ROUNDS;
        int reshardTo;
        boolean serve;
        boolean progress = true;
        boolean compare;
        boolean help;
        final List<String> springArgs = new ArrayList<>();

        void apply(String arg) {
            switch (arg) {
                case "--serve" -> serve = true;
                case "--no-progress" -> progress = false;
                case "--compare" -> compare = true;
                case "--help", "-h" -> help = true;
                default -> applyValue(arg);
            }
        }

        private void applyValue(String arg) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("unknown flag [" + arg + "]; " + usage());
            }
            String name = arg.substring(0, eq);
            int value = number(name, arg.substring(eq + 1));
            switch (name) {
                case "--orders" -> orders = value;
                case "--threads" -> threads = value;
                case "--shards" -> shards = value;
                case "--customers" -> customers = value;
                case "--merchants" -> merchants = value;
                case "--rounds" -> rounds = value;
                case "--reshard-to" -> reshardTo = value;
                default -> throw new IllegalArgumentException("unknown flag [" + arg + "]; " + usage());
            }
        }
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
                + DEFAULT_MERCHANTS + ") --compare --rounds=R (" + DEFAULT_ROUNDS + ") --reshard-to=N --serve"
                + " --no-progress --help, "
                + "and --spring.*/--server.*/--shardkit.*/--logging.*/--management.* passed to Spring";
    }

    /** What {@code --help} prints: every flag, its default and what it does. */
    public static String helpText() {
        return String.join(System.lineSeparator(),
                "usage: java -jar shardkit-order-demo.jar [flags]",
                "",
                "Starts the order service (4 embedded H2 shards unless a profile names others), places orders from",
                "concurrent in-process clients, drains the outbox, prints a report and exits (0 healthy, 1 not, 2 bad"
                        + " flag).",
                "",
                "  --orders=N      orders to place (" + DEFAULT_ORDERS + "); 0 places none",
                "  --threads=T     concurrent clients (" + DEFAULT_THREADS + ")",
                "  --shards=S      embedded H2 shards (" + DEFAULT_SHARDS + "); ignored when a profile lists shards",
                "  --customers=C   customers the orders are spread over (" + DEFAULT_CUSTOMERS + ")",
                "  --merchants=M   merchants created at start (" + DEFAULT_MERCHANTS + ")",
                "  --compare       after a warm-up, place the same orders through the service and with plain JDBC",
                "                  (same rows, same shards, no Spring), round by round, and print the medians",
                "                  side by side",
                "  --rounds=R      measured rounds of each path with --compare (" + DEFAULT_ROUNDS + ")",
                "  --reshard-to=N  bucketed orders rule on N embedded shards, the first S owning the buckets;",
                "                  half-way through the load, expand onto all N while the clients keep placing,",
                "                  then print each bucket's write fence time and audit every order's placement",
                "  --no-progress   no progress output (a redrawn bar on a terminal, a line every 5 s otherwise)",
                "  --serve         keep the HTTP API and the actuator up after the report (port 8080,",
                "                  --server.port=P to change it); Ctrl-C stops it",
                "  --help, -h      print this and exit",
                "",
                "Flags starting with --spring., --server., --shardkit., --logging. or --management. go to Spring,",
                "e.g. --spring.profiles.active=postgres.");
    }
}
