package io.shardkit.id;

import io.shardkit.ShardingConfigurationException;
import java.time.Instant;
import java.util.Objects;

/**
 * Builds an {@link IdLayout}; start it with {@link IdLayout#custom()}. Not thread-safe; the layout it builds is
 * immutable and thread-safe.
 *
 * <pre>{@code
 * IdLayout multiNode = IdLayout.custom()
 *         .shardBits(8)        // 256 shards
 *         .nodeBits(4)         // 16 minting nodes
 *         .sequenceBits(10)    // 1024 ids per millisecond per node
 *         .build();            // leaves 41 bits of time: 69.7 years from the epoch
 * }</pre>
 *
 * <p>Every setter checks its own range at once and throws a {@link ShardingConfigurationException} naming the
 * field and the range; {@link #build()} checks what the fields leave for time: {@code 63 - shardBits - nodeBits
 * - sequenceBits} must be at least {@value IdLayout#MIN_TIME_BITS}. Unset fields keep the values of
 * {@link IdLayout#DEFAULT}.
 */
public final class IdLayoutBuilder {

    private Instant epoch = IdLayout.DEFAULT_EPOCH;
    private int shardBits = IdLayout.DEFAULT_SHARD_BITS;
    private int nodeBits = IdLayout.DEFAULT_NODE_BITS;
    private int sequenceBits = IdLayout.DEFAULT_SEQUENCE_BITS;

    IdLayoutBuilder() {
    }

    /**
     * Start of the id clock; default {@link IdLayout#DEFAULT_EPOCH}. Whole milliseconds, from
     * {@link IdLayout#MIN_EPOCH} to {@link IdLayout#MAX_EPOCH}. Pick one shortly before the first id: the time
     * field lasts from the epoch on, and a clock before the epoch cannot mint ids.
     */
    public IdLayoutBuilder epoch(Instant epoch) {
        Objects.requireNonNull(epoch, "epoch");
        if (epoch.isBefore(IdLayout.MIN_EPOCH) || epoch.isAfter(IdLayout.MAX_EPOCH)
                || epoch.getNano() % 1_000_000 != 0) {
            throw new ShardingConfigurationException("IdLayout epoch must be a whole millisecond in ["
                    + IdLayout.MIN_EPOCH + ".." + IdLayout.MAX_EPOCH + "] but was " + epoch);
        }
        this.epoch = epoch;
        return this;
    }

    /**
     * Bits of shard index, {@value IdLayout#MIN_SHARD_BITS} to {@value IdLayout#MAX_SHARD_BITS}; default
     * {@value IdLayout#DEFAULT_SHARD_BITS}. A rule decoding these ids can have at most {@code 2^shardBits} shards.
     */
    public IdLayoutBuilder shardBits(int shardBits) {
        this.shardBits = checkRange("shardBits", shardBits, IdLayout.MIN_SHARD_BITS, IdLayout.MAX_SHARD_BITS);
        return this;
    }

    /**
     * Bits of node id, 0 to {@value IdLayout#MAX_NODE_BITS}; default {@value IdLayout#DEFAULT_NODE_BITS}. With
     * {@code n} bits, {@code 2^n} nodes (JVMs) can mint ids for the same shard at once without collisions, each
     * with its own {@link ShardIdGenerator.Builder#nodeId(int) node id}.
     */
    public IdLayoutBuilder nodeBits(int nodeBits) {
        this.nodeBits = checkRange("nodeBits", nodeBits, 0, IdLayout.MAX_NODE_BITS);
        return this;
    }

    /**
     * Bits of per-millisecond sequence, {@value IdLayout#MIN_SEQUENCE_BITS} to
     * {@value IdLayout#MAX_SEQUENCE_BITS}; default {@value IdLayout#DEFAULT_SEQUENCE_BITS}. One generator mints
     * at most {@code 2^sequenceBits} ids per millisecond; the next call waits for the next millisecond.
     */
    public IdLayoutBuilder sequenceBits(int sequenceBits) {
        this.sequenceBits = checkRange("sequenceBits", sequenceBits, IdLayout.MIN_SEQUENCE_BITS,
                IdLayout.MAX_SEQUENCE_BITS);
        return this;
    }

    /**
     * The layout.
     *
     * @throws ShardingConfigurationException when the fields leave fewer than {@value IdLayout#MIN_TIME_BITS}
     *                                        bits of time
     */
    public IdLayout build() {
        int timeBits = 63 - shardBits - nodeBits - sequenceBits;
        if (timeBits < IdLayout.MIN_TIME_BITS) {
            throw new ShardingConfigurationException("IdLayout time bits = 63 - shardBits " + shardBits
                    + " - nodeBits " + nodeBits + " - sequenceBits " + sequenceBits + " = " + timeBits
                    + ", but must be at least " + IdLayout.MIN_TIME_BITS + " (about 17.4 years from the epoch);"
                    + " shardBits + nodeBits + sequenceBits must be in [" + (IdLayout.MIN_SHARD_BITS
                    + IdLayout.MIN_SEQUENCE_BITS) + ".." + (63 - IdLayout.MIN_TIME_BITS) + "]");
        }
        return new IdLayout(epoch, shardBits, nodeBits, sequenceBits);
    }

    private static int checkRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ShardingConfigurationException("IdLayout " + field + " must be in [" + min + ".." + max
                    + "] but was " + value);
        }
        return value;
    }
}
