package io.shardkit.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shardkit.Shard;
import io.shardkit.ShardUnavailableException;
import io.shardkit.it.support.OrderTable.Row;
import io.shardkit.it.support.ShardLoad.Failure;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verdicts on a {@link ShardLoad} after the fact: what committed is stored, what was refused is not, every
 * stored order has its event published, and the measurements the outage tests take while it runs.
 *
 * <p>Stateless and thread-safe.
 */
public final class LoadChecks {

    private LoadChecks() {
    }

    /** Events on {@code shard} not yet published; a failure to read is unchecked, for use in Awaitility. */
    public static long pendingOn(Shard shard) {
        try {
            return OrderOutbox.pending(shard);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The order and its event committed together or not at all, and the relay published the event of every
     * order that is there (and of no order that is not), across the outage.
     */
    public static void assertEveryOrderHasExactlyItsEventPublished(OutboxLedger ledger, Shard shard)
            throws SQLException {
        Set<String> orderIds = OrderTable.rowsOn(shard).stream().map(r -> Long.toString(r.id()))
                .collect(Collectors.toSet());
        assertThat(OrderOutbox.eventIds(shard)).as("events stored on %s", shard).isEqualTo(orderIds);
        assertThat(ledger.publishedIds(shard.name())).as("events published from %s", shard).isEqualTo(orderIds);
    }

    /**
     * Every committed insert is there; no insert refused with a {@link ShardUnavailableException} that says
     * nothing was committed is (it got no connection, or its transaction broke before the commit); the only other
     * rows are inserts whose outcome the client could not know (the connection broke during the commit).
     */
    public static void assertNothingLost(ShardLoad load, Shard shard) throws SQLException {
        Set<Long> stored = OrderTable.rowsOn(shard).stream().map(Row::id).collect(Collectors.toSet());
        assertThat(stored).as("committed ids on %s", shard).containsAll(load.committedIds(shard));
        Set<Long> unknownOutcome = new HashSet<>(load.committedIds(shard));
        for (Failure f : load.failures(shard)) {
            if (f.error() instanceof ShardUnavailableException typed && !typed.isOutcomeUnknown()) {
                assertThat(stored).as("refused insert on %s", shard).doesNotContain(f.orderId());
            } else {
                unknownOutcome.add(f.orderId());
            }
        }
        assertThat(unknownOutcome).as("rows on %s", shard).containsAll(stored);
    }

    /** The failures on {@code shard} after {@code sinceNanos} that were {@link ShardUnavailableException}s. */
    public static List<Failure> unavailableSince(ShardLoad load, Shard shard, long sinceNanos) {
        return load.failures(shard).stream()
                .filter(f -> f.atNanos() > sinceNanos && f.error() instanceof ShardUnavailableException)
                .toList();
    }

    /** Inserts per second each of {@code shards} completes, measured over the next {@code window} per shard. */
    public static double ratePerSecond(ShardLoad load, List<Shard> shards, int window) {
        long[] before = shards.stream().mapToLong(load::successes).toArray();
        long started = System.nanoTime();
        await("each of " + shards + " completes " + window + " more inserts").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> progressedBy(load, shards, before, window));
        return window / (Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0);
    }

    static boolean progressedBy(ShardLoad load, List<Shard> shards, long[] before, long by) {
        for (int i = 0; i < shards.size(); i++) {
            if (load.successes(shards.get(i)) < before[i] + by) {
                return false;
            }
        }
        return true;
    }

    /** The failures' errors, for an assertion message. */
    public static String describe(List<Failure> failures) {
        return failures.stream().map(f -> f.error().toString()).collect(Collectors.joining("; "));
    }
}
