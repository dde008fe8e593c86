package io.shardkit.spring.boot.autoconfigure;

import io.shardkit.NamedShardingStrategy;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.id.IdLayout;
import io.shardkit.id.IdLayoutBuilder;
import io.shardkit.id.ShardIdGenerator;
import io.shardkit.strategy.ShardingStrategies;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Builds the {@link IdLayout} and the {@link ShardIdGenerator} of {@code shardkit.ids.*}, one setter at a time so
 * that a refused value names its property ({@code shardkit.ids.layout.node-bits}).
 *
 * <p>Stateless and thread-safe.
 */
final class IdGeneratorFactory {

    static final ConfigPath PATH = ConfigPath.SHARDKIT.child("ids");

    private static final Logger LOG = LoggerFactory.getLogger(IdGeneratorFactory.class);

    private IdGeneratorFactory() {
    }

    static IdLayout layout(IdProperties ids) {
        ConfigPath path = PATH.child("layout");
        IdProperties.Layout layout = ids.getLayout();
        IdLayoutBuilder b = IdLayout.custom();
        path.child("epoch").at(() -> b.epoch(layout.getEpoch()));
        path.child("shard-bits").at(() -> b.shardBits(layout.getShardBits()));
        path.child("node-bits").at(() -> b.nodeBits(layout.getNodeBits()));
        path.child("sequence-bits").at(() -> b.sequenceBits(layout.getSequenceBits()));
        return path.at(b::build);
    }

    /**
     * The layout ids are minted with: the application's {@link ShardIdGenerator}'s (this starter's, from
     * {@code shardkit.ids.*}, or one of its own), so that minting and decoding cannot disagree.
     */
    static Supplier<IdLayout> layoutOf(ObjectProvider<ShardIdGenerator> generators, IdProperties ids) {
        return () -> {
            ShardIdGenerator generator = generators.getIfUnique();
            return generator != null ? generator.layout() : layout(ids);
        };
    }

    /**
     * The strategy of ids minted for bucketed rule {@code buckets} with {@code layout}; refused at
     * {@code shardkit.ids.layout.shard-bits} when the ids cannot carry every bucket.
     */
    static NamedShardingStrategy bucketedId(BucketedStrategy buckets, IdLayout layout) {
        return PATH.child("layout").child("shard-bits").at(() -> ShardingStrategies.bucketedId(buckets, layout));
    }

    static ShardIdGenerator generator(IdProperties ids) {
        IdLayout layout = layout(ids);
        ConfigPath path = PATH.child("node-id");
        ShardIdGenerator.Builder b = ShardIdGenerator.custom().layout(layout);
        path.at(() -> b.nodeId(ids.getNodeId()));
        return path.at(b::build);
    }

    /** Says once, when the generator is made, what a layout without node bits assumes. */
    static ShardIdGenerator warnIfSingleNode(ShardIdGenerator generator) {
        if (generator.layout().nodeBits() == 0) {
            LOG.warn("shardkit ids: {} has no node bits, so ids are unique only while ONE application node mints "
                    + "them for a shard (or the id column is unique); with several nodes set {}.layout.node-bits and "
                    + "a distinct {}.node-id per node (the layout is a persisted contract: see the id docs before "
                    + "changing it)", generator.layout(), PATH, PATH);
        }
        return generator;
    }
}
