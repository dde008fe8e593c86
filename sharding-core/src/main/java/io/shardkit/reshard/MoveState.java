package io.shardkit.reshard;

/** What {@code shardkit_bucket_move} records of a bucket's move: the last step completed. */
public enum MoveState {
    /** Marked moving (writes journaled); copy, catch-up or cutover under way. Resume copies again; rollback undoes. */
    COPYING,
    /** The source records the new owner; the target may not yet. Resume finishes the flip. */
    FLIPPED,
    /** Both record the new owner; the source's copy waits for the cleanup. */
    DONE
}
