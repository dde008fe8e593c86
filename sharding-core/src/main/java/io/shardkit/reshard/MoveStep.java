package io.shardkit.reshard;

/**
 * The steps of a bucket move, in order; {@link MoveListener#beforeStep} is told each one before it runs, and the
 * move table ({@code shardkit_bucket_move}) records which were completed so that a stopped move resumes.
 */
public enum MoveStep {
    /** Under a short fence on the source: mark the bucket moving (writes start to be journaled), record the move. */
    MARK,
    /** Copy the bucket's rows (keyset batches, idempotent) while writes continue. */
    COPY,
    /** Replay the journal while writes continue, so that the cutover has little left to do. */
    CATCH_UP,
    /** Take the bucket's fence on the source: wait for its writers to finish, hold off new ones. */
    FENCE,
    /** Under the fence: replay what is left of the journal, carry the bucket's unpublished outbox events to the target. */
    DRAIN,
    /** Under the fence: count and content hash of the bucket's rows on both shards. */
    VERIFY,
    /** Under the fence: the source records the new owner and releases the fence (its writers are refused). */
    FLIP_SOURCE,
    /** The target records the new owner and accepts writes; then the other shards learn it. */
    FLIP_TARGET,
    /** After the cleanup delay: delete the bucket's rows from the source. */
    CLEANUP
}
