package io.shardkit.reshard;

/**
 * Watches a {@link Resharder}: progress for meters and the actuator, and a hook before each step (tests stop a
 * move there to prove that it resumes). Implementations must be thread-safe: moves run concurrently. Every method
 * defaults to doing nothing.
 */
public interface MoveListener {

    /** Called before {@code step} of {@code move}; throwing aborts the move there, as a crash would. */
    default void beforeStep(BucketMove move, MoveStep step) {
    }

    /** {@code rows} rows were written to {@code move}'s target by the copy or the journal replay. */
    default void rowsCopied(BucketMove move, long rows) {
    }

    /** A bucket's move finished its flip. */
    default void moved(MoveReport.BucketResult result) {
    }
}
