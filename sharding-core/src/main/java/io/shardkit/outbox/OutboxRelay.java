package io.shardkit.outbox;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.UnknownShardException;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.outbox.internal.ShardPoller;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every shard's outbox through an {@link OutboxPublisher}: per shard, the oldest pending events in
 * batches, in id order; a batch is marked published only after the publisher returned (confirmed) it.
 *
 * <p><b>Guarantees.</b> At-least-once: an event is handed out again only when its batch was not confirmed (the
 * publisher threw, or the relay died or lost the database between confirmation and marking); a confirmed and
 * marked batch never comes again. Ordered per shard: a shard's events reach the publisher in ascending id,
 * a refused batch comes again before anything newer, and relay instances exclude each other on a shard
 * ({@link OutboxLocking}), so no event is published by two relays at once. Nothing is lost to a publisher
 * outage or a restart: unconfirmed events simply stay pending in the table.
 *
 * <p><b>Isolation.</b> Each shard is polled on its own schedule: a shard whose database is down, or whose
 * batches the publisher refuses, backs off alone ({@link OutboxRelayConfig#backoffAfter(int)}) while the
 * others carry on. A failure is logged at WARN when the shard's state changes, not on every poll.
 *
 * <p><b>Lifecycle.</b> {@link #start()} polls in the background, on a scheduler the relay creates (one thread
 * per shard by default) or the one given to the builder; {@link #stop()} lets polls in progress finish (up to
 * {@link OutboxRelayConfig#shutdownTimeout()}, then interrupts them) and is final: a stopped relay does not
 * start again, build a new one. {@link #drainOnce()} and {@link #pollShard(String)} poll synchronously, for
 * tests, demos and batch jobs, whether or not the relay is started.
 *
 * <p>Thread-safe. Polls of the same shard never overlap within one relay.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRelayConfig config;
    private final Map<String, ShardPoller> pollers;
    private final @Nullable ScheduledExecutorService givenScheduler;
    private final Map<String, Future<?>> scheduled = new LinkedHashMap<>();
    private @Nullable ScheduledExecutorService scheduler;
    private boolean running;
    private boolean stopped;

    private OutboxRelay(Builder b, List<Shard> shards, OutboxPublisher publisher) {
        this.config = b.config;
        this.givenScheduler = b.scheduler;
        Map<String, ShardPoller> map = new LinkedHashMap<>();
        for (Shard shard : shards) {
            map.put(shard.name(), new ShardPoller(shard, publisher, config, b.metrics, b.clock));
        }
        this.pollers = Collections.unmodifiableMap(map);
    }

    /** Starts a relay publishing through {@code publisher}; name the shards with the builder. */
    public static Builder builder(OutboxPublisher publisher) {
        return new Builder(Objects.requireNonNull(publisher, "publisher"));
    }

    /** Starts polling every shard in the background. Refused when already started or stopped. */
    public synchronized void start() {
        if (running || stopped) {
            throw new IllegalStateException("OutboxRelay " + config.relayId() + " is already "
                    + (running ? "started" : "stopped") + "; a stopped relay cannot start again");
        }
        scheduler = givenScheduler != null ? givenScheduler : ownScheduler();
        running = true;
        for (ShardPoller poller : pollers.values()) {
            schedule(poller, Duration.ZERO);
        }
        log.info("shardkit: outbox relay {} started on shards {} ({})", config.relayId(), pollers.keySet(), config);
    }

    private ScheduledExecutorService ownScheduler() {
        int threads = config.threads() == 0 ? pollers.size() : config.threads();
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads, task -> {
            Thread thread = new Thread(task, "shardkit-outbox-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private synchronized void schedule(ShardPoller poller, Duration delay) {
        ScheduledExecutorService s = scheduler;
        if (running && s != null) {
            scheduled.put(poller.shard(), s.schedule(() -> pollAndReschedule(poller), delay.toNanos(),
                    TimeUnit.NANOSECONDS));
        }
    }

    private void pollAndReschedule(ShardPoller poller) {
        Duration next = config.pollInterval();
        try {
            next = poller.nextDelay(poller.poll());
        } catch (RuntimeException | Error ex) {
            // poll() reports failures as results; anything thrown here is a bug, and must not end the schedule.
            log.error("shardkit: outbox relay {} failed unexpectedly on shard '{}'", config.relayId(),
                    poller.shard(), ex);
        }
        schedule(poller, next);
    }

    /** Stops polling, waiting up to {@link OutboxRelayConfig#shutdownTimeout()}. Idempotent. */
    public void stop() {
        stop(config.shutdownTimeout());
    }

    /**
     * Stops polling: no new poll starts; polls in progress may finish within {@code timeout}, after which they
     * are interrupted (their batches, unconfirmed, stay pending). Shuts down the scheduler only if the relay
     * created it. Idempotent.
     */
    public void stop(Duration timeout) {
        List<Future<?>> futures;
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = false;
            futures = new ArrayList<>(scheduled.values());
            scheduled.clear();
        }
        futures.forEach(f -> f.cancel(false));
        boolean idle = awaitIdle(timeout);
        if (!idle) {
            log.warn("shardkit: outbox relay {} interrupting polls still running after {}ms", config.relayId(),
                    timeout.toMillis());
            futures.forEach(f -> f.cancel(true));
        }
        ScheduledExecutorService s = scheduler;
        if (s != null && s != givenScheduler) {
            s.shutdownNow();
        }
        log.info("shardkit: outbox relay {} stopped", config.relayId());
    }

    private boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (ShardPoller poller : pollers.values()) {
                if (!poller.awaitIdle(Math.max(0, deadline - System.nanoTime()))) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Polls every shard, one after the other, until each has nothing left, is busy with another relay, or
     * fails; returns how many events were published. Ignores back-off: the caller asked. A shard whose
     * database hangs holds this call up to its connection timeout; events appended meanwhile may be
     * published too.
     */
    public int drainOnce() {
        int total = 0;
        for (ShardPoller poller : pollers.values()) {
            OutboxPollResult result;
            do {
                result = poller.poll();
                total += result.published();
            } while (result.status() == OutboxPollResult.Status.PUBLISHED);
        }
        return total;
    }

    /** Polls one shard once (at most one batch), ignoring back-off. */
    public OutboxPollResult pollShard(String shard) {
        ShardPoller poller = pollers.get(Objects.requireNonNull(shard, "shard"));
        if (poller == null) {
            throw new UnknownShardException(null, shard, pollers.keySet());
        }
        return poller.poll();
    }

    /** A snapshot of every shard's counters, in shard order. */
    public Map<String, OutboxShardStats> stats() {
        Map<String, OutboxShardStats> stats = new LinkedHashMap<>();
        pollers.forEach((name, poller) -> stats.put(name, poller.stats()));
        return Collections.unmodifiableMap(stats);
    }

    public OutboxRelayConfig config() {
        return config;
    }

    @Override
    public String toString() {
        return "OutboxRelay[" + config.relayId() + ", shards=" + pollers.keySet() + "]";
    }

    /** Builder for {@link OutboxRelay}; not thread-safe. */
    public static final class Builder {
        private final OutboxPublisher publisher;
        private @Nullable List<Shard> shards;
        private OutboxRelayConfig config = OutboxRelayConfig.ofDefaults();
        private ShardingMetrics metrics = ShardingMetrics.NOOP;
        private Clock clock = Clock.systemUTC();
        private @Nullable ScheduledExecutorService scheduler;

        private Builder(OutboxPublisher publisher) {
            this.publisher = publisher;
        }

        /** Relays every shard of {@code registry}. */
        public Builder shards(ShardRegistry registry) {
            return shards(Objects.requireNonNull(registry, "registry").shards());
        }

        /** Relays these shards (e.g. the shards of one rule); names must be unique. */
        public Builder shards(List<Shard> shards) {
            Objects.requireNonNull(shards, "shards");
            Set<String> names = new HashSet<>();
            for (Shard shard : shards) {
                if (!names.add(Objects.requireNonNull(shard, "shard").name())) {
                    throw new ShardingConfigurationException("outbox relay shard '" + shard.name()
                            + "' is listed twice");
                }
            }
            this.shards = List.copyOf(shards);
            return this;
        }

        public Builder config(OutboxRelayConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Where counters of published, failed and pending events go; default {@link ShardingMetrics#NOOP}. */
        public Builder metrics(ShardingMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Clock stamping {@code published_at} and leases; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Polls on this scheduler instead of one the relay creates; {@link OutboxRelay#stop()} leaves it running. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public OutboxRelay build() {
            if (shards == null || shards.isEmpty()) {
                throw new ShardingConfigurationException("outbox relay needs at least one shard: call shards(...)");
            }
            return new OutboxRelay(this, shards, publisher);
        }
    }
}
