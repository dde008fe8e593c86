package io.shardkit.audit;

import java.util.List;

/**
 * An id that occurs more than once across the audited shards. Immutable and thread-safe.
 *
 * @param id     the id
 * @param shards the shard of each occurrence, in the order found (a shard appears twice when it holds the id
 *               twice)
 */
public record DuplicateId(Object id, List<String> shards) {

    public DuplicateId {
        shards = List.copyOf(shards);
    }
}
