package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.bucket.BucketWrites;
import io.shardkit.reshard.MoveListener;
import io.shardkit.reshard.Resharder;

/**
 * What watches a rule's moves and fenced writes: the resharding meters when the application has a Micrometer
 * registry ({@link MicrometerReshardWatch}), else {@link #NONE}. Keeps Micrometer out of the classes that load
 * without it.
 *
 * <p>Implementations are thread-safe.
 */
interface ReshardWatch {

    /** Watches nothing. */
    ReshardWatch NONE = new ReshardWatch() {
        @Override
        public MoveListener listener(String rule) {
            return new MoveListener() { };
        }

        @Override
        public BucketWrites writes(BucketWrites writes) {
            return writes;
        }

        @Override
        public void watch(Resharder resharder) {
        }
    };

    /** The listener of every resharder of {@code rule}. */
    MoveListener listener(String rule);

    /** {@code writes} reporting each committed write. */
    BucketWrites writes(BucketWrites writes);

    /** Watches what {@code resharder} reads from the shards (the journal lag) for as long as the application runs. */
    void watch(Resharder resharder);
}
