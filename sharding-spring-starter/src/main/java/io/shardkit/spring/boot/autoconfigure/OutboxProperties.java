package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.outbox.OutboxLayout;
import io.shardkit.outbox.OutboxLocking;
import io.shardkit.outbox.OutboxRelayConfig;
import io.shardkit.outbox.OutboxWriter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The shard-local transactional outbox ({@code shardkit.outbox.*}): the writer that appends events in the
 * caller's {@code @Transactional} transaction, and the relay that publishes every shard's outbox.
 *
 * <pre>{@code
 * shardkit:
 *   outbox:
 *     enabled: true
 *     initialize-schema: embedded        # always | embedded | never
 *     relay:
 *       batch-size: 500
 *       poll-interval: 100ms
 *       id: ${HOSTNAME}                   # names this relay in the lock row and in logs
 * }</pre>
 *
 * <p>Off unless {@code enabled} is set: an outbox nobody asked for must not poll every shard. Defaults are those
 * of {@link OutboxWriter} and {@link OutboxRelayConfig}; every value is checked at start-up, and a bad one fails
 * the start naming its property path.
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
@ConfigurationProperties(prefix = OutboxProperties.PREFIX)
public class OutboxProperties {

    /** The property prefix. */
    public static final String PREFIX = "shardkit.outbox";

    /**
     * Whether the outbox is wired: the writer, the relay (unless relay.enabled is false) and, as initialize-schema
     * says, the tables. Off by default.
     */
    private boolean enabled;

    /**
     * The table's shape: shardkit (for the polling relay) or debezium (the columns of Debezium's Outbox Event
     * Router, relayed by a Debezium connector per shard; this instance then runs no relay).
     */
    private OutboxLayout layout = OutboxLayout.SHARDKIT;

    /**
     * The outbox table, optionally schema-qualified; with the shardkit layout its relay lock table is the same name
     * followed by _lock. The shipped DDL creates outbox (shardkit layout) or outbox_event (debezium layout), the
     * default for each: another name needs initialize-schema set to never and tables of your own.
     */
    private @Nullable String table;

    /**
     * With the debezium layout: whether the writer deletes each row again in the transaction that inserted it, so
     * that the table stays empty while the database's log carries the insert to Debezium. On by default.
     */
    private boolean deleteAfterInsert = true;

    /**
     * When to create the outbox tables on every shard at start-up from the DDL shipped for H2, PostgreSQL and
     * MariaDB: always, embedded (only on shards that are embedded in-memory databases, such as H2 in memory), or
     * never (schema migrations own them). The DDL is idempotent.
     */
    private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

    /** Largest event payload the writer accepts, in UTF-8 bytes; match it to what the publisher can send. */
    private int maxPayloadBytes = OutboxWriter.DEFAULT_MAX_PAYLOAD_BYTES;

    /** How the relay publishes every shard's outbox. */
    private final Relay relay = new Relay();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public OutboxLayout getLayout() {
        return layout;
    }

    public void setLayout(OutboxLayout layout) {
        this.layout = layout;
    }

    public @Nullable String getTable() {
        return table;
    }

    public void setTable(@Nullable String table) {
        this.table = table;
    }

    /** The table in use: the one configured, else the layout's default. */
    public String effectiveTable() {
        return table != null ? table : layout.defaultTable();
    }

    public boolean isDeleteAfterInsert() {
        return deleteAfterInsert;
    }

    public void setDeleteAfterInsert(boolean deleteAfterInsert) {
        this.deleteAfterInsert = deleteAfterInsert;
    }

    public SchemaInitialization getInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(SchemaInitialization initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public int getMaxPayloadBytes() {
        return maxPayloadBytes;
    }

    public void setMaxPayloadBytes(int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public Relay getRelay() {
        return relay;
    }

    /** When the outbox tables are created at start-up. */
    public enum SchemaInitialization {
        /** On every shard. */
        ALWAYS,
        /** On every shard that is an embedded database (H2, HSQLDB or Derby in memory). */
        EMBEDDED,
        /** Never: the tables are created by migrations or by hand. */
        NEVER
    }

    /** The relay ({@code shardkit.outbox.relay.*}); see {@link OutboxRelayConfig} for each value's meaning. */
    public static class Relay {

        /**
         * Whether this instance runs a relay. Turn it off on instances that only write events while others
         * publish them; with it on, the application must declare an OutboxPublisher bean (the Kafka module
         * provides one).
         */
        private boolean enabled = true;

        /** Most events handed to the publisher in one call (1 to 10000). */
        private int batchSize = OutboxRelayConfig.DEFAULT_BATCH_SIZE;

        /** Pause before polling a shard again once it has no full batch pending. */
        private Duration pollInterval = OutboxRelayConfig.DEFAULT_POLL_INTERVAL;

        /** Back-off after failed polls of a shard. */
        private final Backoff backoff = new Backoff();

        /**
         * How relay instances exclude each other on a shard: auto (SKIP LOCKED where the database has it, else a
         * lease), skip-locked or lease.
         */
        private OutboxLocking locking = OutboxLocking.AUTO;

        /**
         * With leases: how long a claim holds unless renewed. The relay renews it every third of this while a
         * publish runs, so it bounds only how long the shards of a relay that died wait for another relay.
         */
        private Duration leaseDuration = OutboxRelayConfig.DEFAULT_LEASE_DURATION;

        /**
         * This instance's relay name (1 to 128 characters), written as lease owner and shown in logs; relay-
         * followed by a random UUID when unset.
         */
        private @Nullable String id;

        /** Threads polling the shards; 0 is one per shard, so that a hanging shard never delays another. */
        private int threads = OutboxRelayConfig.DEFAULT_THREADS;

        /** How long stopping the relay (at context shutdown) waits for polls in progress before interrupting. */
        private Duration shutdownTimeout = OutboxRelayConfig.DEFAULT_SHUTDOWN_TIMEOUT;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Backoff getBackoff() {
            return backoff;
        }

        public OutboxLocking getLocking() {
            return locking;
        }

        public void setLocking(OutboxLocking locking) {
            this.locking = locking;
        }

        public Duration getLeaseDuration() {
            return leaseDuration;
        }

        public void setLeaseDuration(Duration leaseDuration) {
            this.leaseDuration = leaseDuration;
        }

        public @Nullable String getId() {
            return id;
        }

        public void setId(@Nullable String id) {
            this.id = id;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /**
     * The relay's back-off per shard ({@code shardkit.outbox.relay.backoff.*}): after {@code n} consecutive
     * failed polls it waits {@code min(max, initial * multiplier^(n-1))}.
     */
    public static class Backoff {

        /** Wait after a shard's first failed poll. */
        private Duration initial = OutboxRelayConfig.DEFAULT_INITIAL_BACKOFF;

        /** Longest wait; not shorter than the initial one. */
        private Duration max = OutboxRelayConfig.DEFAULT_MAX_BACKOFF;

        /** Growth of the wait per consecutive failure (1.0 to 100.0). */
        private double multiplier = OutboxRelayConfig.DEFAULT_BACKOFF_MULTIPLIER;

        public Duration getInitial() {
            return initial;
        }

        public void setInitial(Duration initial) {
            this.initial = initial;
        }

        public Duration getMax() {
            return max;
        }

        public void setMax(Duration max) {
            this.max = max;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }
    }
}
