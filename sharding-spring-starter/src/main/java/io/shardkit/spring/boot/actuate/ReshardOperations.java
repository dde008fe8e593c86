package io.shardkit.spring.boot.actuate;

import io.shardkit.reshard.MoveReport;
import io.shardkit.reshard.Resharder;
import io.shardkit.spring.reshard.Resharders;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations the {@code reshard} endpoint started: at most one running per rule, each on a daemon thread of its
 * own, and the last one of each rule kept for its state and report.
 *
 * <p>Thread-safe: starting is serialized, an operation's state is published through volatile fields.
 */
final class ReshardOperations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReshardOperations.class);

    private final Resharders resharders;
    private final Map<String, Running> last = new ConcurrentHashMap<>();

    ReshardOperations(Resharders resharders) {
        this.resharders = resharders;
    }

    /**
     * Starts {@code action} on {@code rule} and returns its state at once.
     *
     * @throws ReshardBusyException when an operation of the rule is still running
     */
    synchronized ReshardEndpoint.Operation start(String rule, ReshardActions.Action action) {
        Running previous = last.get(rule);
        if (previous != null && previous.state == ReshardEndpoint.State.RUNNING) {
            throw ReshardBusyException.running(rule, previous.view());
        }
        Running running = new Running(rule, action);
        last.put(rule, running);
        Thread thread = new Thread(running, "shardkit-reshard-" + rule);
        thread.setDaemon(true);
        running.thread = thread;
        thread.start();
        return running.view();
    }

    /** The running or last operation of {@code rule}, if the endpoint started one. */
    ReshardEndpoint.@Nullable Operation last(String rule) {
        Running running = last.get(rule);
        return running == null ? null : running.view();
    }

    /** The resharder of the running or last operation of {@code rule}, once it is built: its progress is the op's. */
    @Nullable Resharder resharder(String rule) {
        Running running = last.get(rule);
        return running == null ? null : running.resharder;
    }

    /** Interrupts running operations: a move stopped anywhere is finished by a resume or undone by a rollback. */
    @Override
    public void close() {
        for (Running running : last.values()) {
            Thread thread = running.thread;
            if (running.state == ReshardEndpoint.State.RUNNING && thread != null) {
                thread.interrupt();
            }
        }
    }

    /** One operation, from its start to its end. */
    private final class Running implements Runnable {
        private final String rule;
        private final ReshardActions.Action action;
        private final Instant startedAt = Instant.now();
        private volatile ReshardEndpoint.State state = ReshardEndpoint.State.RUNNING;
        private volatile @Nullable Instant finishedAt;
        private volatile @Nullable String error;
        private volatile ReshardEndpoint.@Nullable Report report;
        private volatile @Nullable Long rowsDeleted;
        private volatile @Nullable Resharder resharder;
        private volatile @Nullable Thread thread;

        Running(String rule, ReshardActions.Action action) {
            this.rule = rule;
            this.action = action;
        }

        @Override
        public void run() {
            LOG.info("Rule '{}': {} started", rule, action);
            try {
                Resharder built = resharders.get(rule);
                resharder = built;
                Object result = action.task().run(built);
                if (result instanceof MoveReport moved) {
                    report = ReshardEndpoint.Report.of(moved);
                } else if (result instanceof Long deleted) {
                    rowsDeleted = deleted;
                }
                finish(ReshardEndpoint.State.DONE);
                LOG.info("Rule '{}': {} done", rule, action);
            } catch (RuntimeException | Error ex) {
                error = Objects.toString(ex.getMessage(), ex.getClass().getName());
                finish(ReshardEndpoint.State.FAILED);
                LOG.warn("Rule '{}': {} failed: {}", rule, action, error, ex);
                if (ex instanceof Error fatal) {
                    throw fatal;
                }
            }
        }

        private void finish(ReshardEndpoint.State end) {
            finishedAt = Instant.now();
            state = end;
        }

        ReshardEndpoint.Operation view() {
            Instant end = finishedAt;
            return new ReshardEndpoint.Operation(rule, action.name(), action.detail(), startedAt, end,
                    Duration.between(startedAt, end != null ? end : Instant.now()).toMillis(), state, error, report,
                    rowsDeleted);
        }
    }
}
