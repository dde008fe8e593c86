package io.shardkit.outbox.internal;

import io.shardkit.outbox.OutboxRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ClaimStrategy} got from a shard's outbox: a batch of its oldest events that this relay alone may
 * publish now, or why there is none.
 *
 * <p>Immutable and thread-safe.
 *
 * @param records the claimed events, ascending by id; empty unless {@link #claimed()}
 * @param busy    true when another relay holds the shard's relay lock
 * @param token   with leases, the token naming this claim in the lock row; else {@code null}
 */
record Claim(List<OutboxRecord> records, boolean busy, @Nullable String token) {

    static final Claim NONE = new Claim(List.of(), false, null);
    static final Claim BUSY = new Claim(List.of(), true, null);

    Claim {
        records = List.copyOf(records);
    }

    static Claim of(List<OutboxRecord> records) {
        return of(records, null);
    }

    static Claim of(List<OutboxRecord> records, @Nullable String token) {
        return records.isEmpty() ? NONE : new Claim(records, false, token);
    }

    boolean claimed() {
        return !records.isEmpty();
    }
}
