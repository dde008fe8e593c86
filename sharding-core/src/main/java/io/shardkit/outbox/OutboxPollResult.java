package io.shardkit.outbox;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one poll of one shard's outbox did: see {@link Status}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param shard     the shard polled
 * @param status    what happened
 * @param published events confirmed and marked published by this poll
 * @param failure   why the poll failed, for {@link Status#FAILED}; else {@code null}
 */
public record OutboxPollResult(String shard, Status status, int published, @Nullable String failure) {

    /** Outcomes of a poll. */
    public enum Status {
        /** A batch was published and marked. */
        PUBLISHED,
        /** Nothing was pending. */
        IDLE,
        /** Another relay holds the head of this shard's outbox; nothing was published. */
        BUSY,
        /** The database or the publisher failed; nothing was marked, the batch will come again. */
        FAILED
    }

    public OutboxPollResult {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(status, "status");
    }
}
