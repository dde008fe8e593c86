package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.id.IdLayout;
import java.time.Instant;

/**
 * Shard-aware ids ({@code shardkit.ids.*}): the bit layout of the auto-configured
 * {@link io.shardkit.id.ShardIdGenerator} and of every {@code strategy: id} rule, and this node's id.
 *
 * <pre>{@code
 * shardkit:
 *   ids:
 *     layout: { shard-bits: 8, node-bits: 4, sequence-bits: 10 }   # 256 shards, 16 nodes, 1024 ids/ms/node
 *     node-id: ${POD_ORDINAL}                                      # 0..15, distinct per running instance
 * }</pre>
 *
 * <p>The defaults are {@link IdLayout#DEFAULT}: 41 bits of time since 2025-01-01, 10 of shard, no node bits, 12 of
 * sequence. Without node bits two application nodes minting ids for the same shard in the same millisecond mint
 * the same id, so the default is only safe with one minting node (or a unique id column); the starter logs a
 * warning at start-up when it builds a generator without node bits. A layout is a persisted contract: ids
 * already stored decode only through the layout that minted them, so never change it once ids are stored.
 *
 * <p>Mutable while Spring binds it, read-only afterwards; not thread-safe during binding.
 */
public class IdProperties {

    /** The bit layout of the ids: time | shard | node | sequence. Must not change once ids are stored. */
    private final Layout layout = new Layout();

    /**
     * This application node's id, written into the node bits of every id it mints: 0 to
     * 2^node-bits - 1, distinct per running instance (for example a StatefulSet pod ordinal); must be 0 when the
     * layout has no node bits.
     */
    private int nodeId;

    public Layout getLayout() {
        return layout;
    }

    public int getNodeId() {
        return nodeId;
    }

    public void setNodeId(int nodeId) {
        this.nodeId = nodeId;
    }

    /** The id layout ({@code shardkit.ids.layout.*}); time gets what the other fields leave of 63 bits. */
    public static class Layout {

        /** Bits of shard index, 1 to 16: an id rule can have at most 2^shard-bits shards. */
        private int shardBits = IdLayout.DEFAULT_SHARD_BITS;

        /**
         * Bits of node id, 0 to 10: up to 2^node-bits application nodes can mint ids for the same shard at
         * once. 0 (the default) assumes a single minting node.
         */
        private int nodeBits = IdLayout.DEFAULT_NODE_BITS;

        /** Bits of per-millisecond sequence, 4 to 23: one node mints up to 2^sequence-bits ids a ms. */
        private int sequenceBits = IdLayout.DEFAULT_SEQUENCE_BITS;

        /**
         * Start of the id clock, a whole millisecond between 1970-01-01T00:00:00Z and 2100-01-01T00:00:00Z; the
         * time field lasts from it (41 bits: about 69.7 years).
         */
        private Instant epoch = IdLayout.DEFAULT_EPOCH;

        public int getShardBits() {
            return shardBits;
        }

        public void setShardBits(int shardBits) {
            this.shardBits = shardBits;
        }

        public int getNodeBits() {
            return nodeBits;
        }

        public void setNodeBits(int nodeBits) {
            this.nodeBits = nodeBits;
        }

        public int getSequenceBits() {
            return sequenceBits;
        }

        public void setSequenceBits(int sequenceBits) {
            this.sequenceBits = sequenceBits;
        }

        public Instant getEpoch() {
            return epoch;
        }

        public void setEpoch(Instant epoch) {
            this.epoch = epoch;
        }
    }
}
