package io.shardkit.examples.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What {@code --compare} measured: rounds of the same orders placed through the service and with plain JDBC
 * ({@link DirectPlacement}), alternating, each round starting with the outbox drained; and how it prints: every
 * round, then the medians side by side and their ratio.
 *
 * <p>Immutable and thread-safe.
 *
 * @param service the service's rounds, in the order they ran
 * @param direct  the plain-JDBC rounds, in the order they ran
 */
public record Comparison(List<Round> service, List<Round> direct) {

    public Comparison {
        service = List.copyOf(service);
        direct = List.copyOf(direct);
    }

    /**
     * One measured round.
     *
     * @param placed    orders placed
     * @param failed    placements that failed
     * @param wallNanos time from the first to the last placement
     * @param latency   per-order latency distribution
     * @param cpuNanos  CPU time the whole process used meanwhile (clients, relay, projections, GC, JIT), or -1
     *                  when the JVM does not tell
     */
    public record Round(long placed, long failed, long wallNanos, LatencyRecorder.Percentiles latency,
                        long cpuNanos) {

        /** Orders per second. */
        public double throughput() {
            return wallNanos == 0 ? 0 : placed * 1e9 / wallNanos;
        }

        /** Process CPU per order placed, in microseconds; what the rate would cost on an otherwise idle machine. */
        public double cpuMicrosPerOrder() {
            return placed == 0 || cpuNanos < 0 ? 0 : cpuNanos / 1e3 / placed;
        }

        long p99Nanos() {
            return latency.percentileNanos(99);
        }
    }

    /** These rounds and one more of the service's. */
    public Comparison plusService(Round round) {
        List<Round> more = new ArrayList<>(service);
        more.add(round);
        return new Comparison(more, direct);
    }

    /** Placements that failed in any round. */
    public long failed() {
        return service.stream().mapToLong(Round::failed).sum() + direct.stream().mapToLong(Round::failed).sum();
    }

    /** The median of the service's rates. */
    public double serviceThroughput() {
        return median(service, Round::throughput);
    }

    /** The median of the plain-JDBC rates. */
    public double directThroughput() {
        return median(direct, Round::throughput);
    }

    /** The service's median rate as a fraction of the plain-JDBC median. */
    public double ratio() {
        double direct = directThroughput();
        return direct == 0 ? 0 : serviceThroughput() / direct;
    }

    /** Prints each round, then the medians and the ratio. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "%ncompare     the same orders, rounds alternating, each after the outbox drained%n");
        out.printf(Locale.ROOT, "  %-7s %-28s %12s %10s %10s %10s %14s%n", "round", "path", "orders/s", "p50", "p99",
                "max", "CPU µs/order");
        for (int r = 0; r < Math.max(service.size(), direct.size()); r++) {
            if (r < direct.size()) {
                printRound(out, r + 1, "plain JDBC (no Spring)", direct.get(r));
            }
            if (r < service.size()) {
                printRound(out, r + 1, "service (@Sharded, Spring)", service.get(r));
            }
        }
        printMedian(out, "plain JDBC (no Spring)", direct);
        printMedian(out, "service (@Sharded, Spring)", service);
        out.printf(Locale.ROOT, "  ratio   service / plain JDBC = %.0f%% (orders/s), %.0f%% (CPU per order, "
                + "inverted)%n", ratio() * 100, cpuRatio() * 100);
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "  bound   %d idle cores at the service's median CPU per order: %,.0f orders/s%n",
                cores, cores * 1e6 / Math.max(1e-9, median(service, Round::cpuMicrosPerOrder)));
    }

    /** The plain-JDBC path's median CPU per order over the service's: 1 when the service costs no more CPU. */
    public double cpuRatio() {
        double serviceCpu = median(service, Round::cpuMicrosPerOrder);
        return serviceCpu == 0 ? 0 : median(direct, Round::cpuMicrosPerOrder) / serviceCpu;
    }

    private static void printRound(PrintStream out, int round, String path, Round r) {
        out.printf(Locale.ROOT, "  %-7d %-28s %,12.0f %10s %10s %10s %14.0f%s%n", round, path, r.throughput(),
                DemoReport.millis(r.latency.percentileNanos(50)), DemoReport.millis(r.p99Nanos()),
                DemoReport.millis(r.latency.maxNanos()), r.cpuMicrosPerOrder(),
                r.failed == 0 ? "" : "  (" + r.failed + " failed)");
    }

    private static void printMedian(PrintStream out, String path, List<Round> rounds) {
        out.printf(Locale.ROOT, "  median  %-28s %,12.0f %10s %10s %10s %14.0f%n", path,
                median(rounds, Round::throughput), "", DemoReport.millis((long) median(rounds, Round::p99Nanos)), "",
                median(rounds, Round::cpuMicrosPerOrder));
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> value) {
        return median(rounds.stream().mapToDouble(value).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
