package io.shardkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.testing.DataSourceStub;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Explicit shard indexes (0..N-1, each once) and the gate every connection through Shard.dataSource() passes. */
class ShardIndexTest {

    private static final DataSource NONE = new DataSourceStub() {
        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException("not used");
        }
    };

    @Test
    void indexesGivenDecideTheOrderNotTheCalls() {
        ShardRegistry registry = ShardRegistry.builder().shard("b", 1, NONE).shard("c", 2, NONE).shard("a", 0, NONE)
                .build();
        assertThat(registry.names()).containsExactly("a", "b", "c");
        assertThat(registry.shard("c").index()).isEqualTo(2);
    }

    @Test
    void aShardWithoutAnIndexAmongIndexedOnesIsRefused() {
        assertThatThrownBy(() -> ShardRegistry.builder().shard("a", 0, NONE).shard("b", NONE).build())
                .isInstanceOf(ShardIndexException.class)
                .hasMessage("shard 'b' has no index but [a] have one; give every shard its index (0..N-1, each once) "
                        + "or none");
    }

    @Test
    void aDuplicateIndexIsRefused() {
        assertThatThrownBy(() -> ShardRegistry.builder().shard("a", 0, NONE).shard("b", 0, NONE).build())
                .isInstanceOf(ShardIndexException.class)
                .hasMessage("shards 'a' and 'b' both have index 0; each index 0..1 must name exactly one shard "
                        + "{a=0, b=0}")
                .satisfies(ex -> assertThat(((ShardIndexException) ex).getIndexes()).isEqualTo(Map.of("a", 0,
                        "b", 0)));
    }

    @Test
    void aGapIsRefused() {
        assertThatThrownBy(() -> ShardRegistry.builder().shard("a", 0, NONE).shard("b", 2, NONE).build())
                .isInstanceOf(ShardIndexException.class)
                .hasMessage("shard indexes must be 0..1 without gaps but no shard has index 1 {a=0, b=2}");
    }

    @Test
    void aNegativeIndexIsRefusedAtOnce() {
        assertThatThrownBy(() -> ShardRegistry.builder().shard("a", -1, NONE))
                .isInstanceOf(ShardIndexException.class).hasMessage("shard 'a' has index -1; indexes start at 0");
    }

    @Test
    void anUngatedShardHandsOutItsDataSourceItself() {
        Shard shard = new Shard("a", 0, NONE);
        assertThat(shard.dataSource()).isSameAs(NONE).isSameAs(shard.rawDataSource());
        assertThat(shard.refusal()).isEmpty();
    }

    @Test
    void aGateAdmitsEveryConnectionAndTheRawDataSourceBypassesIt() throws Exception {
        int[] admitted = new int[1];
        boolean[] open = {false};
        ShardGate gate = new ShardGate() {
            @Override
            public void admit(Shard shard) {
                admitted[0]++;
                if (!open[0]) {
                    throw new ShardUnavailableException(shard.name(), "closed (test)", null);
                }
            }

            @Override
            public Optional<String> refusal(Shard shard) {
                return open[0] ? Optional.empty() : Optional.of("closed (test)");
            }
        };
        DataSource raw = new DataSourceStub() {
            @Override
            public Connection getConnection() {
                return null;
            }
        };
        ShardRegistry registry = ShardRegistry.builder().gates((name, index) -> gate).shard("a", raw).build();
        Shard shard = registry.shard("a");
        assertThatThrownBy(() -> shard.dataSource().getConnection()).isInstanceOf(ShardUnavailableException.class)
                .hasMessage("Shard 'a' is unavailable: closed (test)");
        assertThat(shard.refusal()).hasValue("closed (test)");
        open[0] = true;
        shard.dataSource().getConnection();
        shard.rawDataSource().getConnection();
        assertThat(admitted[0]).isEqualTo(2);
        assertThat(shard.dataSource().unwrap(DataSourceStub.class)).isSameAs(raw);
    }
}
