package io.shardkit.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A steady trickle of calls, as an application's traffic to one shard: {@code threads} client threads, each
 * making the call, pausing {@code pause}, and again, until {@link #close()} or the time cap. Every outcome is
 * recorded with its time, so that a test can count, per phase (before, during and after an outage), the successes
 * and the failures of each exception type.
 *
 * <p>Thread-safe: outcomes may be read while the calls run.
 */
public final class PacedCalls implements AutoCloseable {

    /** What a client calls; returning normally is a success. */
    @FunctionalInterface
    public interface Call {
        void call() throws Exception;
    }

    /** One call's outcome: when it ended, how long it took, and its failure ({@code null} on success). */
    public record Outcome(long endNanos, Duration took, @Nullable Throwable error) {

        public boolean succeeded() {
            return error == null;
        }

        /** {@code success}, or the failure's class name. */
        public String kind() {
            return error == null ? "success" : error.getClass().getName();
        }
    }

    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final long deadline;

    private PacedCalls(Duration cap) {
        this.deadline = System.nanoTime() + cap.toNanos();
    }

    /** Starts the clients at once. */
    public static PacedCalls start(String name, int threads, Duration pause, Duration cap, Call call) {
        PacedCalls calls = new PacedCalls(cap);
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> calls.drive(call, pause), name + "-" + i);
            thread.setDaemon(true);
            calls.threads.add(thread);
            thread.start();
        }
        return calls;
    }

    private void drive(Call call, Duration pause) {
        while (running.get() && System.nanoTime() < deadline) {
            long started = System.nanoTime();
            Throwable error = null;
            try {
                call.call();
            } catch (Exception ex) {
                error = ex;
            }
            long ended = System.nanoTime();
            outcomes.add(new Outcome(ended, Duration.ofNanos(ended - started), error));
            LockSupport.parkNanos(pause.toNanos());
        }
    }

    /** The outcomes of calls that ended in {@code [fromNanos, toNanos)}, oldest first. */
    public List<Outcome> between(long fromNanos, long toNanos) {
        List<Outcome> result = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.endNanos() >= fromNanos && o.endNanos() < toNanos) {
                result.add(o);
            }
        }
        result.sort((x, y) -> Long.compare(x.endNanos(), y.endNanos()));
        return result;
    }

    /** Successes among the calls that ended at or after {@code fromNanos}. */
    public long successesSince(long fromNanos) {
        return between(fromNanos, Long.MAX_VALUE).stream().filter(Outcome::succeeded).count();
    }

    /** Failures among the calls that ended at or after {@code fromNanos}. */
    public long failuresSince(long fromNanos) {
        return between(fromNanos, Long.MAX_VALUE).stream().filter(o -> !o.succeeded()).count();
    }

    /** When the first call that succeeded at or after {@code fromNanos} ended, or {@code -1} when none has. */
    public long firstSuccessSince(long fromNanos) {
        for (Outcome o : between(fromNanos, Long.MAX_VALUE)) {
            if (o.succeeded()) {
                return o.endNanos();
            }
        }
        return -1;
    }

    /** How many of {@code outcomes} are of each kind ({@code success} or an exception class), sorted by kind. */
    public static Map<String, Long> countByKind(List<Outcome> outcomes) {
        Map<String, Long> counts = new TreeMap<>();
        for (Outcome o : outcomes) {
            counts.merge(o.kind(), 1L, Long::sum);
        }
        return counts;
    }

    /** Stops the clients and waits for each to finish its call. */
    @Override
    public void close() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
