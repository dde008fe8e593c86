package io.shardkit.outbox;

import io.shardkit.ShardingConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link OutboxRelay} polls, backs off and locks. Immutable; build it with {@link #custom()} (or
 * {@link #from(OutboxRelayConfig)} to change a few values of another), whose setters check their value at once;
 * {@link #ofDefaults()} holds every {@code DEFAULT_*}.
 *
 * <p>Back-off: after {@code n} consecutive failed polls of a shard, the relay waits
 * {@code min(maxBackoff, initialBackoff * backoffMultiplier^(n-1))} before polling that shard again. Only that
 * shard waits; the others keep their own pace.
 *
 * <p>Thread-safe.
 */
public final class OutboxRelayConfig {

    public static final int DEFAULT_BATCH_SIZE = 100;
    public static final int MAX_BATCH_SIZE = 10_000;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    public static final double DEFAULT_BACKOFF_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    /** 0: one thread per shard, so that a shard whose database hangs never delays another. */
    public static final int DEFAULT_THREADS = 0;

    private final int batchSize;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double backoffMultiplier;
    private final Duration leaseDuration;
    private final Duration shutdownTimeout;
    private final OutboxLocking locking;
    private final String table;
    private final String relayId;
    private final int threads;

    private OutboxRelayConfig(Builder b) {
        this.batchSize = b.batchSize;
        this.pollInterval = b.pollInterval;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.backoffMultiplier = b.backoffMultiplier;
        this.leaseDuration = b.leaseDuration;
        this.shutdownTimeout = b.shutdownTimeout;
        this.locking = b.locking;
        this.table = b.table;
        this.relayId = b.relayId != null ? b.relayId : "relay-" + UUID.randomUUID();
        this.threads = b.threads;
    }

    /** Every default; a fresh random {@link #relayId()}. */
    public static OutboxRelayConfig ofDefaults() {
        return new Builder().build();
    }

    public static Builder custom() {
        return new Builder();
    }

    /** A builder starting from {@code base}'s values, its relay id included. */
    public static Builder from(OutboxRelayConfig base) {
        return new Builder(Objects.requireNonNull(base, "base"));
    }

    /** Most events handed to the publisher in one call; default {@value #DEFAULT_BATCH_SIZE}. */
    public int batchSize() {
        return batchSize;
    }

    /** Pause before polling a shard again once it has nothing (or no full batch) pending; default 500 ms. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** Back-off after the first failed poll of a shard; default 200 ms. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Longest back-off; default 30 s. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Growth of the back-off per consecutive failure; default {@value #DEFAULT_BACKOFF_MULTIPLIER}. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /**
     * With {@link OutboxLocking#LEASE}: how long a claim holds without being renewed; default 15 s. While a batch
     * is being published the relay renews its lease every third of this, however long the publish takes, so this
     * bounds only how long the shards of a relay that died wait before another relay takes them over.
     */
    public Duration leaseDuration() {
        return leaseDuration;
    }

    /** How long {@link OutboxRelay#stop()} waits for polls in progress before interrupting them; default 10 s. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** How relay instances exclude each other; default {@link OutboxLocking#AUTO}. */
    public OutboxLocking locking() {
        return locking;
    }

    /** The outbox table, optionally schema-qualified; default {@value OutboxWriter#DEFAULT_TABLE}. */
    public String table() {
        return table;
    }

    /** This relay instance's name, written as lease owner; default {@code relay-<random UUID>}. */
    public String relayId() {
        return relayId;
    }

    /** Threads of the scheduler the relay creates (0: one per shard); unused when a scheduler is given. */
    public int threads() {
        return threads;
    }

    /** The back-off after {@code consecutiveFailures} (at least 1) failed polls, bounded by {@link #maxBackoff()}. */
    public Duration backoffAfter(int consecutiveFailures) {
        double millis = initialBackoff.toMillis() * Math.pow(backoffMultiplier, Math.max(0, consecutiveFailures - 1));
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }

    @Override
    public String toString() {
        return "OutboxRelayConfig[batchSize=" + batchSize + ", pollInterval=" + pollInterval.toMillis()
                + "ms, backoff=" + initialBackoff.toMillis() + "ms.." + maxBackoff.toMillis() + "ms x"
                + backoffMultiplier + ", locking=" + locking + ", leaseDuration=" + leaseDuration.toMillis()
                + "ms, table=" + table + ", relayId=" + relayId + "]";
    }

    /** Builder for {@link OutboxRelayConfig}; not thread-safe. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private OutboxLocking locking = OutboxLocking.AUTO;
        private String table = OutboxWriter.DEFAULT_TABLE;
        private @Nullable String relayId;
        private int threads = DEFAULT_THREADS;

        private Builder() {
        }

        private Builder(OutboxRelayConfig base) {
            batchSize = base.batchSize;
            pollInterval = base.pollInterval;
            initialBackoff = base.initialBackoff;
            maxBackoff = base.maxBackoff;
            backoffMultiplier = base.backoffMultiplier;
            leaseDuration = base.leaseDuration;
            shutdownTimeout = base.shutdownTimeout;
            locking = base.locking;
            table = base.table;
            relayId = base.relayId;
            threads = base.threads;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                throw invalid("batchSize", "must be in [1.." + MAX_BATCH_SIZE + "] but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive("pollInterval", pollInterval);
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive("initialBackoff", initialBackoff);
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive("maxBackoff", maxBackoff);
            return this;
        }

        public Builder backoffMultiplier(double backoffMultiplier) {
            if (!(backoffMultiplier >= 1.0 && backoffMultiplier <= 100.0)) {
                throw invalid("backoffMultiplier", "must be in [1.0..100.0] but was " + backoffMultiplier);
            }
            this.backoffMultiplier = backoffMultiplier;
            return this;
        }

        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = positive("leaseDuration", leaseDuration);
            return this;
        }

        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = positive("shutdownTimeout", shutdownTimeout);
            return this;
        }

        public Builder locking(OutboxLocking locking) {
            this.locking = Objects.requireNonNull(locking, "locking");
            return this;
        }

        public Builder table(String table) {
            this.table = OutboxTables.checkName(table);
            return this;
        }

        /** At most 128 characters (the {@code lease_owner} column); a name for logs and the lock row. */
        public Builder relayId(String relayId) {
            Objects.requireNonNull(relayId, "relayId");
            if (relayId.isBlank() || relayId.length() > 128) {
                throw invalid("relayId", "must be 1..128 non-blank characters but was [" + relayId + "]");
            }
            this.relayId = relayId;
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 0) {
                throw invalid("threads", "must be >= 0 (0: one per shard) but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        public OutboxRelayConfig build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw invalid("maxBackoff", "(" + maxBackoff.toMillis() + "ms) must not be shorter than "
                        + "initialBackoff (" + initialBackoff.toMillis() + "ms)");
            }
            return new OutboxRelayConfig(this);
        }

        private static Duration positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.toMillis() < 1) {
                throw invalid(name, "must be at least 1ms but was " + value);
            }
            return value;
        }

        private static ShardingConfigurationException invalid(String name, String detail) {
            return new ShardingConfigurationException("outbox relay " + name + " " + detail);
        }
    }
}
