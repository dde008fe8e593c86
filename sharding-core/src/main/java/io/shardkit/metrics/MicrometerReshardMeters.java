package io.shardkit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.reshard.BucketMove;
import io.shardkit.reshard.MoveListener;
import io.shardkit.reshard.MoveReport;
import io.shardkit.reshard.Resharder;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The resharding meters of one rule on a Micrometer {@link MeterRegistry}: rows copied, fence time per bucket,
 * journal lag (a gauge that asks the shards when scraped), and writers' wait for their bucket. Meters are registered
 * here, once; the callbacks only record. Load this class only when Micrometer is on the class path.
 *
 * <p>Thread-safe.
 */
public final class MicrometerReshardMeters implements MoveListener, BucketWrites.Observer {

    private final Counter rowsCopied;
    private final Timer fence;
    private final Timer writeWait;

    /** Meters of {@code rule}; {@link #watch} adds the journal-lag gauge of a resharder. */
    public MicrometerReshardMeters(MeterRegistry registry, String rule) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(rule, "rule");
        this.rowsCopied = Counter.builder(MeterNames.RESHARD_ROWS_COPIED).tag(MeterNames.TAG_RULE, rule)
                .register(registry);
        this.fence = Timer.builder(MeterNames.RESHARD_FENCE).tag(MeterNames.TAG_RULE, rule)
                .publishPercentiles(0.5, 0.99).register(registry);
        this.writeWait = Timer.builder(MeterNames.BUCKET_WRITE_WAIT).tag(MeterNames.TAG_RULE, rule)
                .register(registry);
    }

    /** Registers the journal-lag gauge of {@code resharder} (read from its shards when the registry is scraped). */
    public static void watch(MeterRegistry registry, Resharder resharder) {
        Gauge.builder(MeterNames.RESHARD_JOURNAL_LAG, resharder, Resharder::journalLag)
                .tag(MeterNames.TAG_RULE, resharder.rule().name()).register(registry);
    }

    @Override
    public void rowsCopied(BucketMove move, long rows) {
        rowsCopied.increment(rows);
    }

    @Override
    public void moved(MoveReport.BucketResult result) {
        fence.record(result.fence().toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void written(int bucket, int attempts, long fenceNanos) {
        writeWait.record(fenceNanos, TimeUnit.NANOSECONDS);
    }
}
