package io.shardkit.reshard;

import io.shardkit.ShardingException;
import org.jspecify.annotations.Nullable;

/**
 * A bucket move could not go on: its verification found a difference, a database statement failed, the bucket is
 * not where the move expects it. Names the rule, the bucket, the shards and the step. The move's recorded state
 * stays, so {@link Resharder#resume()} or {@link Resharder#rollback(int)} can finish or undo it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class ReshardException extends ShardingException {

    private static final long serialVersionUID = 1L;

    private final int bucket;
    private final @Nullable MoveStep step;

    private ReshardException(String message, String rule, int bucket, @Nullable String shard,
                             @Nullable MoveStep step, @Nullable Throwable cause) {
        super(message, rule, null, shard, cause);
        this.bucket = bucket;
        this.step = step;
    }

    /** A statement failed during {@code step} of {@code move}. */
    public static ReshardException failed(String rule, BucketMove move, MoveStep step, Throwable cause) {
        return new ReshardException("Rule '" + rule + "': moving bucket " + move.bucket() + " from '" + move.source()
                + "' to '" + move.target() + "' failed at " + step + ": " + cause.getMessage()
                + "; resume() finishes the move, rollback(" + move.bucket() + ") undoes it", rule, move.bucket(),
                move.source(), step, cause);
    }

    /** Source and target differ after the drain: the cutover was abandoned, the fence released. */
    public static ReshardException verifyFailed(String rule, BucketMove move, String difference) {
        return new ReshardException("Rule '" + rule + "': bucket " + move.bucket() + " differs between '"
                + move.source() + "' and '" + move.target() + "' after the journal was drained: " + difference
                + "; a write bypassed shardkit's bucket fence? The bucket was not flipped", rule, move.bucket(),
                move.source(), MoveStep.VERIFY, null);
    }

    /** The bucket is not owned by the move's source, or is already moving elsewhere. */
    public static ReshardException notMovable(String rule, BucketMove move, String found) {
        return new ReshardException("Rule '" + rule + "': bucket " + move.bucket() + " cannot move from '"
                + move.source() + "' to '" + move.target() + "': " + found, rule, move.bucket(), move.source(),
                MoveStep.MARK, null);
    }

    /** {@code rollback(bucket)} found no move of the bucket recorded on any shard: nothing to undo. */
    public static ReshardException noMoveRecorded(String rule, int bucket) {
        return new ReshardException("Rule '" + rule + "': bucket " + bucket + " has no move recorded on any shard;"
                + " nothing to roll back", rule, bucket, null, null, null);
    }

    /** The bucket. */
    public int getBucket() {
        return bucket;
    }

    /** The step that failed, or {@code null} when not known. */
    public @Nullable MoveStep getStep() {
        return step;
    }
}
