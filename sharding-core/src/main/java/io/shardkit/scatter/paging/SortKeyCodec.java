package io.shardkit.scatter.paging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Writes a page's sort key into a page token and reads it back. {@link SortKeyCodecs} has codecs for longs,
 * strings, instants and composite keys.
 *
 * <p>Compatibility: tokens outlive deployments (a client may hold one across a release), so a codec's byte
 * format is a contract like a strategy's mapping; change it only together with the pager's token version.
 * Implementations must be thread-safe and must read exactly what they wrote.
 *
 * @param <S> the sort key type
 */
public interface SortKeyCodec<S> {

    void write(S key, DataOutput out) throws IOException;

    S read(DataInput in) throws IOException;
}
