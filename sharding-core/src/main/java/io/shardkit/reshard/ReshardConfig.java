package io.shardkit.reshard;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.internal.SqlNames;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of a {@link Resharder}, from {@link #custom()} or {@link #ofDefaults()}; each setter validates at once.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReshardConfig {

    /** Default rows per copy batch (one source query, one target transaction): 1000. */
    public static final int DEFAULT_BATCH_SIZE = 1000;
    /** Default copy throttle: none (0 rows per second means unthrottled). */
    public static final long DEFAULT_MAX_ROWS_PER_SECOND = 0;
    /** Default number of (source, target) groups moved at once: 2. */
    public static final int DEFAULT_CONCURRENCY = 2;
    /** Default wait after a flip before the source's copy is deleted: 5 minutes. */
    public static final Duration DEFAULT_CLEANUP_DELAY = Duration.ofMinutes(5);

    private final int batchSize;
    private final long maxRowsPerSecond;
    private final int concurrency;
    private final Duration cleanupDelay;
    private final @Nullable String outboxTable;
    private final @Nullable OutboxBuckets outboxBuckets;

    private ReshardConfig(Builder b) {
        this.batchSize = b.batchSize;
        this.maxRowsPerSecond = b.maxRowsPerSecond;
        this.concurrency = b.concurrency;
        this.cleanupDelay = b.cleanupDelay;
        this.outboxTable = b.outboxTable;
        this.outboxBuckets = b.outboxBuckets;
    }

    /** The defaults. */
    public static ReshardConfig ofDefaults() {
        return custom().build();
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder();
    }

    public int batchSize() {
        return batchSize;
    }

    public long maxRowsPerSecond() {
        return maxRowsPerSecond;
    }

    public int concurrency() {
        return concurrency;
    }

    public Duration cleanupDelay() {
        return cleanupDelay;
    }

    /** The shardkit outbox table whose pending events move with their bucket, or {@code null} for none. */
    public @Nullable String outboxTable() {
        return outboxTable;
    }

    /** How an outbox event's bucket is found; set together with {@link #outboxTable()}. */
    public @Nullable OutboxBuckets outboxBuckets() {
        return outboxBuckets;
    }

    @Override
    public String toString() {
        return "ReshardConfig[batchSize=" + batchSize + ", maxRowsPerSecond=" + maxRowsPerSecond + ", concurrency="
                + concurrency + ", cleanupDelay=" + cleanupDelay + ", outboxTable=" + outboxTable
                + "]";
    }

    /** Builds a {@link ReshardConfig}. Not thread-safe. */
    public static final class Builder {
        private int batchSize = DEFAULT_BATCH_SIZE;
        private long maxRowsPerSecond = DEFAULT_MAX_ROWS_PER_SECOND;
        private int concurrency = DEFAULT_CONCURRENCY;
        private Duration cleanupDelay = DEFAULT_CLEANUP_DELAY;
        private @Nullable String outboxTable;
        private @Nullable OutboxBuckets outboxBuckets;

        private Builder() {
        }

        /** Rows per copy batch, 1 to 100,000. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 100_000) {
                throw new ShardingConfigurationException("reshard batchSize must be in [1..100000] but was "
                        + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Most rows copied per second per moving group; 0 for no limit. */
        public Builder maxRowsPerSecond(long maxRowsPerSecond) {
            if (maxRowsPerSecond < 0) {
                throw new ShardingConfigurationException("reshard maxRowsPerSecond must be >= 0 (0 = unthrottled)"
                        + " but was " + maxRowsPerSecond);
            }
            this.maxRowsPerSecond = maxRowsPerSecond;
            return this;
        }

        /** How many (source, target) groups of a plan move at once, 1 to 64. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new ShardingConfigurationException("reshard concurrency must be in [1..64] but was "
                        + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /**
         * How long after its flip a bucket's rows stay on the source before {@link Resharder#cleanup()} deletes
         * them: longer than instances take to refresh their maps, so that their reads still find the rows.
         */
        public Builder cleanupDelay(Duration cleanupDelay) {
            if (Objects.requireNonNull(cleanupDelay, "cleanupDelay").isNegative()) {
                throw new ShardingConfigurationException("reshard cleanupDelay must be >= 0 but was " + cleanupDelay);
            }
            this.cleanupDelay = cleanupDelay;
            return this;
        }

        /**
         * The shardkit-layout outbox table (see {@code OutboxSchema}) on the rule's shards: at each cutover the
         * bucket's unpublished events move to the target, ahead of any event written there after the flip, so an
         * aggregate's events keep their order across the move. {@code buckets} tells an event's bucket.
         */
        public Builder outbox(String outboxTable, OutboxBuckets buckets) {
            if (!SqlNames.isTableName(Objects.requireNonNull(outboxTable, "outboxTable"))) {
                throw new ShardingConfigurationException("reshard outbox table [" + outboxTable
                        + "] is not a plain SQL identifier");
            }
            this.outboxTable = outboxTable;
            this.outboxBuckets = Objects.requireNonNull(buckets, "buckets");
            return this;
        }

        public ReshardConfig build() {
            return new ReshardConfig(this);
        }
    }
}
