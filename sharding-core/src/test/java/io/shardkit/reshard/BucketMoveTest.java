package io.shardkit.reshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import io.shardkit.bucket.BucketedStrategy;
import org.junit.jupiter.api.Test;

/**
 * A move onto the bucket's own owner is refused before anything is marked: it would flip to the same shard, and
 * the cleanup would then delete the owner's own rows.
 */
class BucketMoveTest {

    @Test
    void aMoveOntoItsOwnShardIsRefused() {
        assertThatThrownBy(() -> new BucketMove(3, "s0", "s0")).isInstanceOf(ShardingConfigurationException.class)
                .hasMessage("bucket 3 is on shard 's0' already; a move needs another target shard");
    }

    @Test
    void resharderMoveOntoTheCurrentOwnerChangesNothing() throws Exception {
        try (OrderShards db = new OrderShards(16)) {
            Resharder resharder = Resharder.builder(db.four).tables(OrderShards.TABLES).build();
            BucketedStrategy buckets = (BucketedStrategy) db.four.strategy();
            String owner = buckets.map().ownerName(5);
            assertThatThrownBy(() -> resharder.move(5, owner)).isInstanceOf(ShardingConfigurationException.class)
                    .hasMessageContaining("bucket 5 is on shard '" + owner + "' already");
            assertThat(resharder.status()).as("no move recorded").isEmpty();
        }
    }
}
