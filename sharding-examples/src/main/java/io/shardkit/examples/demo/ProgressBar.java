package io.shardkit.examples.demo;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Shows how far the demo has got: a bar, done / total, percent, current rate and time left. On a terminal it
 * redraws one line ({@code \r}, no newline) a few times a second; anywhere else (output piped or redirected to
 * a file, a CI log, {@code TERM=dumb}) it prints a plain line every {@value #PLAIN_PERIOD_MILLIS} ms instead,
 * so that a log holds a few readable lines rather than thousands of carriage returns.
 *
 * <p>Thread-safe: the counter is read from the caller's {@link LongSupplier}; drawing happens on one daemon
 * thread of its own, stopped by {@link #close()}, which prints the final state and ends the line.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long REDRAW_PERIOD_MILLIS = 200;
    static final long PLAIN_PERIOD_MILLIS = 5_000;

    private final PrintStream out;
    private final long total;
    private final LongSupplier done;
    private final boolean redraw;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker;

    private ProgressBar(PrintStream out, long total, LongSupplier done, boolean redraw) {
        this.out = out;
        this.total = total;
        this.done = done;
        this.redraw = redraw;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reporting to {@code out} until closed: redrawn on a terminal ({@link #isTerminal()}), plain if not. */
    public static ProgressBar start(PrintStream out, long total, LongSupplier done) {
        return start(out, total, done, isTerminal(), PLAIN_PERIOD_MILLIS);
    }

    /** Starts reporting; {@code redraw} chooses the redrawn line over plain lines every {@code plainPeriodMillis}. */
    static ProgressBar start(PrintStream out, long total, LongSupplier done, boolean redraw, long plainPeriodMillis) {
        ProgressBar bar = new ProgressBar(out, total, done, redraw);
        if (redraw) {
            bar.ticker.scheduleAtFixedRate(bar::draw, 0, REDRAW_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            bar.ticker.scheduleAtFixedRate(bar::draw, plainPeriodMillis, plainPeriodMillis, TimeUnit.MILLISECONDS);
        }
        return bar;
    }

    /** Whether the process writes to an interactive terminal that understands {@code \r}. */
    static boolean isTerminal() {
        return isTerminal(consoleIsTerminal(System.console()), System.getenv());
    }

    /**
     * A terminal {@code console} is there, {@code TERM} is not {@code dumb} and {@code CI} is unset (CI systems set
     * it; several of them attach a pseudo-terminal all the same). Package-private for tests.
     */
    static boolean isTerminal(boolean console, Map<String, String> env) {
        return console && !"dumb".equals(env.get("TERM")) && !env.containsKey("CI");
    }

    private static boolean consoleIsTerminal(@Nullable Console console) {
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() answers a console even when the output is redirected; ask it then.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22 there is a console only when stdin and stdout are a terminal
        }
    }

    private synchronized void draw() {
        String line = line(done.getAsLong(), System.nanoTime() - startNanos);
        if (redraw) {
            out.print('\r' + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** The line for {@code current} of the total after {@code elapsedNanos}; package-private for tests. */
    String line(long current, long elapsedNanos) {
        double fraction = total == 0 ? 1 : Math.min(1.0, (double) current / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? current / seconds : 0;
        String eta = rate > 0 ? String.format(Locale.ROOT, "%4.0fs", (total - current) / rate) : "   ?";
        return String.format(Locale.ROOT, "[%s%s] %,d/%,d %3.0f%%  %,8.0f orders/s  eta %s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), current, total, fraction * 100, rate, eta);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        if (redraw) {
            out.println();
        }
    }
}
