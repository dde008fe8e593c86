package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxRecord;
import java.util.List;

/**
 * What a {@link ClaimStrategy} got from a shard's outbox: a batch of its oldest events that this relay alone may
 * publish now, or why there is none.
 *
 * <p>Immutable and thread-safe.
 *
 * @param records the claimed events, ascending by id; empty unless {@link #claimed()}
 * @param busy    true when another relay holds the shard's relay lock
 */
record Claim(List<OutboxRecord> records, boolean busy) {

    static final Claim NONE = new Claim(List.of(), false);
    static final Claim BUSY = new Claim(List.of(), true);

    Claim {
        records = List.copyOf(records);
    }

    static Claim of(List<OutboxRecord> records) {
        return records.isEmpty() ? NONE : new Claim(records, false);
    }

    boolean claimed() {
        return !records.isEmpty();
    }
}
