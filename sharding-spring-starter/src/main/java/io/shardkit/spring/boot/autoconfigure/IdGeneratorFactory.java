package io.shardkit.spring.boot.autoconfigure;

import static io.shardkit.spring.boot.autoconfigure.ShardRegistryFactory.at;

import io.shardkit.id.IdLayout;
import io.shardkit.id.IdLayoutBuilder;
import io.shardkit.id.ShardIdGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the {@link IdLayout} and the {@link ShardIdGenerator} of {@code shardkit.ids.*}, one setter at a time so
 * that a refused value names its property ({@code shardkit.ids.layout.node-bits}).
 *
 * <p>Stateless and thread-safe.
 */
final class IdGeneratorFactory {

    static final String PREFIX = ShardkitProperties.PREFIX + ".ids";

    private static final Logger LOG = LoggerFactory.getLogger(IdGeneratorFactory.class);

    private IdGeneratorFactory() {
    }

    static IdLayout layout(IdProperties ids) {
        String path = PREFIX + ".layout";
        IdProperties.Layout layout = ids.getLayout();
        IdLayoutBuilder b = IdLayout.custom();
        at(path + ".epoch", () -> b.epoch(layout.getEpoch()));
        at(path + ".shard-bits", () -> b.shardBits(layout.getShardBits()));
        at(path + ".node-bits", () -> b.nodeBits(layout.getNodeBits()));
        at(path + ".sequence-bits", () -> b.sequenceBits(layout.getSequenceBits()));
        return at(path, b::build);
    }

    static ShardIdGenerator generator(IdProperties ids) {
        IdLayout layout = layout(ids);
        String path = PREFIX + ".node-id";
        ShardIdGenerator.Builder b = ShardIdGenerator.custom().layout(layout);
        at(path, () -> b.nodeId(ids.getNodeId()));
        return at(path, b::build);
    }

    /** Says once, when the generator is made, what a layout without node bits assumes. */
    static ShardIdGenerator warnIfSingleNode(ShardIdGenerator generator) {
        if (generator.layout().nodeBits() == 0) {
            LOG.warn("shardkit ids: {} has no node bits, so ids are unique only while ONE application node mints "
                    + "them for a shard (or the id column is unique); with several nodes set {}.layout.node-bits and "
                    + "a distinct {}.node-id per node (the layout is a persisted contract: see the id docs before "
                    + "changing it)", generator.layout(), PREFIX, PREFIX);
        }
        return generator;
    }
}
