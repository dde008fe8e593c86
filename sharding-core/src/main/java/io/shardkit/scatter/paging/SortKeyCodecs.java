package io.shardkit.scatter.paging;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Static factories for {@link SortKeyCodec}s. The codecs are immutable and thread-safe; their byte formats are
 * fixed (see {@link SortKeyCodec} on compatibility).
 */
public final class SortKeyCodecs {

    private SortKeyCodecs() {
    }

    /** A {@code long} key, 8 bytes big-endian. */
    public static SortKeyCodec<Long> longs() {
        return new SortKeyCodec<>() {
            @Override
            public void write(Long key, DataOutput out) throws IOException {
                out.writeLong(key);
            }

            @Override
            public Long read(DataInput in) throws IOException {
                return in.readLong();
            }
        };
    }

    /** A {@code String} key in modified UTF-8 (at most 65,535 bytes). */
    public static SortKeyCodec<String> strings() {
        return new SortKeyCodec<>() {
            @Override
            public void write(String key, DataOutput out) throws IOException {
                out.writeUTF(key);
            }

            @Override
            public String read(DataInput in) throws IOException {
                return in.readUTF();
            }
        };
    }

    /** An {@link Instant} key: epoch seconds (8 bytes) and nanoseconds (4 bytes), exact to the nanosecond. */
    public static SortKeyCodec<Instant> instants() {
        return new SortKeyCodec<>() {
            @Override
            public void write(Instant key, DataOutput out) throws IOException {
                out.writeLong(key.getEpochSecond());
                out.writeInt(key.getNano());
            }

            @Override
            public Instant read(DataInput in) throws IOException {
                return Instant.ofEpochSecond(in.readLong(), in.readInt());
            }
        };
    }

    /**
     * A key of two parts, e.g. {@code (created_at, id)}: a time that may repeat made unique by an id
     * tie-breaker. Writes the first part, then the second.
     *
     * @param first   extracts the first part
     * @param second  extracts the second part
     * @param combine rebuilds the key from its parts
     */
    public static <S, A, B> SortKeyCodec<S> composite(Function<? super S, ? extends A> first,
                                                      SortKeyCodec<A> firstCodec,
                                                      Function<? super S, ? extends B> second,
                                                      SortKeyCodec<B> secondCodec,
                                                      BiFunction<? super A, ? super B, ? extends S> combine) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(firstCodec, "firstCodec");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(secondCodec, "secondCodec");
        Objects.requireNonNull(combine, "combine");
        return new SortKeyCodec<>() {
            @Override
            public void write(S key, DataOutput out) throws IOException {
                firstCodec.write(first.apply(key), out);
                secondCodec.write(second.apply(key), out);
            }

            @Override
            public S read(DataInput in) throws IOException {
                A a = firstCodec.read(in);
                B b = secondCodec.read(in);
                return combine.apply(a, b);
            }
        };
    }
}
