package io.shardkit.examples.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Redraws one console line ({@code \r}, no newline) a few times a second with how far the demo has got:
 * a bar, done / total, percent, current rate and time left.
 *
 * <p>Thread-safe: the counter is read from the caller's {@link LongSupplier}; drawing happens on one daemon
 * thread of its own, stopped by {@link #close()}, which draws the final state and ends the line.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;
    private static final long PERIOD_MILLIS = 200;

    private final PrintStream out;
    private final long total;
    private final LongSupplier done;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker;

    private ProgressBar(PrintStream out, long total, LongSupplier done) {
        this.out = out;
        this.total = total;
        this.done = done;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts drawing to {@code out} until closed. */
    public static ProgressBar start(PrintStream out, long total, LongSupplier done) {
        ProgressBar bar = new ProgressBar(out, total, done);
        bar.ticker.scheduleAtFixedRate(bar::draw, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return bar;
    }

    private synchronized void draw() {
        out.print('\r' + line(done.getAsLong(), System.nanoTime() - startNanos));
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
        out.println();
    }
}
