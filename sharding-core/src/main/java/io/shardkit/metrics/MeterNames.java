package io.shardkit.metrics;

/**
 * Every meter name and tag shardkit publishes, in one place. Names start with {@code shardkit.}; tags are
 * {@link #TAG_RULE}, {@link #TAG_SHARD} and {@link #TAG_OUTCOME}.
 */
public final class MeterNames {

    /** Timer of routed calls, tagged rule, shard, outcome. */
    public static final String ROUTED_CALLS = "shardkit.routed.calls";
    /** Counter of routing failures before a shard was chosen, tagged rule, exception. */
    public static final String ROUTING_FAILURES = "shardkit.routing.failures";
    /** Distribution of scatter-gather fan-out width, tagged rule. */
    public static final String FANOUT_WIDTH = "shardkit.scatter.fanout";
    /** Timer of each shard's part of a scatter-gather, tagged rule, shard, outcome. */
    public static final String SCATTER_SHARD_CALLS = "shardkit.scatter.shard.calls";
    /** Timer of scatter-gather merges, tagged rule. */
    public static final String SCATTER_MERGE = "shardkit.scatter.merge";
    /** Gauge of a shard's circuit breaker state (0 closed, 1 open, 2 half-open), tagged rule, shard. */
    public static final String BREAKER_STATE = "shardkit.scatter.breaker.state";

    /** Counter of outbox events published (confirmed by the publisher, then marked), tagged shard. */
    public static final String OUTBOX_PUBLISHED = "shardkit.outbox.published";
    /** Counter of failed outbox polls (publisher refused, database failed), tagged shard, exception. */
    public static final String OUTBOX_FAILURES = "shardkit.outbox.failures";
    /** Gauge of outbox events still to publish, as last measured by the relay, tagged shard. */
    public static final String OUTBOX_PENDING = "shardkit.outbox.pending";

    /** Counter of rows a mover wrote to target shards (copy and journal replay), tagged rule. */
    public static final String RESHARD_ROWS_COPIED = "shardkit.reshard.rows.copied";
    /** Timer of each moved bucket's write fence, from asking for it to the target accepting writes, tagged rule. */
    public static final String RESHARD_FENCE = "shardkit.reshard.fence";
    /** Gauge of move-journal entries waiting for replay over the rule's shards, tagged rule. */
    public static final String RESHARD_JOURNAL_LAG = "shardkit.reshard.journal.lag";
    /** Timer of a bucketed write's wait for its bucket (fence and retries on a new owner), tagged rule. */
    public static final String BUCKET_WRITE_WAIT = "shardkit.bucket.write.wait";

    public static final String TAG_RULE = "rule";
    public static final String TAG_SHARD = "shard";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_EXCEPTION = "exception";

    public static final String OUTCOME_SUCCESS = "success";
    public static final String OUTCOME_FAILURE = "failure";
    public static final String OUTCOME_TIMEOUT = "timeout";
    public static final String OUTCOME_REJECTED = "rejected";
    /** A shard's part of a scatter-gather was cancelled because another shard failed first (fail-fast). */
    public static final String OUTCOME_CANCELLED = "cancelled";

    private MeterNames() {
    }
}
