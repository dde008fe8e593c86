package io.shardkit.testing;

import io.shardkit.ShardUnavailableException;
import io.shardkit.testing.PacedCalls.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcomes of a {@link PacedCalls} run split at a shard's outage: before the server stopped, while it was
 * down, after it was started again until the first call succeeded (the pool reconnecting), and after that.
 * Outage tests count each phase by outcome and check that callers only ever saw the typed failure.
 *
 * <p>Immutable and thread-safe.
 *
 * @param before       calls that ended before the server stopped
 * @param down         calls that ended while it was down
 * @param reconnecting calls that ended after the restart, before the first success
 * @param after        calls that ended from the first success after the restart on
 * @param reconnect    from the restart to that first success
 */
public record OutagePhases(List<Outcome> before, List<Outcome> down, List<Outcome> reconnecting,
                           List<Outcome> after, Duration reconnect) {

    /** Splits {@code calls} at {@code stoppedNanos} and {@code restartedNanos}; some call must have succeeded since. */
    public static OutagePhases of(PacedCalls calls, long stoppedNanos, long restartedNanos) {
        long recovered = calls.firstSuccessSince(restartedNanos);
        if (recovered < 0) {
            throw new IllegalStateException("no call has succeeded since the restart");
        }
        return new OutagePhases(calls.between(0, stoppedNanos), calls.between(stoppedNanos, restartedNanos),
                calls.between(restartedNanos, recovered), calls.between(recovered, Long.MAX_VALUE),
                Duration.ofNanos(recovered - restartedNanos));
    }

    /** Every failure from the stop on. */
    public List<Outcome> failuresSinceTheStop() {
        List<Outcome> failures = new ArrayList<>();
        for (List<Outcome> phase : List.of(down, reconnecting, after)) {
            for (Outcome o : phase) {
                if (!o.succeeded()) {
                    failures.add(o);
                }
            }
        }
        return failures;
    }

    /** Failures after the pool had reconnected. */
    public long failuresAfterReconnect() {
        return after.stream().filter(o -> !o.succeeded()).count();
    }

    /**
     * Failures from the stop on whose call had its pooled connection killed under it (as opposed to getting no
     * connection): the typed failure found in the error or its causes says "connection was lost".
     */
    public long lostConnections() {
        return failuresSinceTheStop().stream().filter(o -> {
            ShardUnavailableException typed = typedIn(o.error());
            return typed != null && typed.getMessage().contains("connection was lost");
        }).count();
    }

    /** The {@link ShardUnavailableException} that is {@code error} or one of its causes, or {@code null}. */
    public static @Nullable ShardUnavailableException typedIn(@Nullable Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ShardUnavailableException typed) {
                return typed;
            }
        }
        return null;
    }

    /** {@code before {success=60}; down {...}; reconnecting (412 ms) {...}; after {success=120}}. */
    @Override
    public String toString() {
        return "before " + PacedCalls.countByKind(before) + "; down " + PacedCalls.countByKind(down)
                + "; reconnecting (" + reconnect.toMillis() + " ms) " + PacedCalls.countByKind(reconnecting)
                + "; after " + PacedCalls.countByKind(after);
    }
}
