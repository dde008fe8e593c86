package io.shardkit.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.ShardingRule;
import io.shardkit.UnknownShardException;
import io.shardkit.audit.ShardAudit;
import io.shardkit.directory.DirectoryConfig;
import io.shardkit.directory.DirectoryDialect;
import io.shardkit.directory.DirectoryStrategy;
import io.shardkit.directory.DirectoryTableMissingException;
import io.shardkit.directory.PlacementPolicy;
import io.shardkit.it.support.OrderTable;
import io.shardkit.it.support.RealServer;
import io.shardkit.strategy.ShardingStrategies;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The directory strategy with its table on a real server: placement of new keys, pinned and moved keys,
 * exact key comparison, nodes racing on new keys, and the typed errors for a row naming an unknown shard and a
 * missing table. Each server gets a subclass.
 */
abstract class RealShardsDirectoryContract extends RealShardsFixture {

    private static final String TABLE = "merchant_directory";

    private Shard home;
    private List<String> shardNames;

    @BeforeAll
    void createTables() throws SQLException {
        home = registry.shard(0);
        shardNames = List.copyOf(registry.names());
        try (Connection c = home.dataSource().getConnection(); Statement st = c.createStatement()) {
            for (String ddl : dialect().statements(TABLE)) {
                st.execute(ddl);
            }
        }
        OrderTable.createOn(registry);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        OrderTable.execute(home.dataSource(), "DELETE FROM " + TABLE);
        OrderTable.clear(registry);
    }

    private DirectoryDialect dialect() {
        return server() == RealServer.POSTGRES ? DirectoryDialect.POSTGRESQL : DirectoryDialect.MARIADB;
    }

    private DirectoryStrategy directory(PlacementPolicy placement) {
        return ShardingStrategies.directory(home, shardNames, DirectoryConfig.custom().tableName(TABLE)
                .cacheTtl(Duration.ofMinutes(1)).placementPolicy(placement).build());
    }

    private ShardingRule merchants(DirectoryStrategy directory) {
        return new ShardingRule("merchants", registry.shards(), directory);
    }

    @Test
    void newKeysArePlacedOnceStoredAndRoutedThere() throws SQLException {
        DirectoryStrategy directory = directory(PlacementPolicy.hash());
        ShardingRule merchants = merchants(directory);
        for (long merchant = 1; merchant <= 40; merchant++) {
            Shard shard = merchants.shardOf(merchant);
            assertThat(directory.lookup(merchant)).contains(shard.name());
            try (ShardScope ignored = ShardContext.bind(shard)) {
                OrderTable.insert(routing, merchant, merchant, 1);
            }
        }
        // A second node, with an empty cache and a different placement, reads what the first stored.
        ShardingRule otherNode = merchants(directory(PlacementPolicy.fixed("shard-3")));
        for (long merchant = 1; merchant <= 40; merchant++) {
            assertThat(otherNode.shardOf(merchant)).isEqualTo(merchants.shardOf(merchant));
        }
        assertThat(ShardAudit.of(merchants).table("orders").keyColumn("customer_id").idColumn("id").build().run()
                .isClean()).isTrue();
    }

    @Test
    void movedKeyRoutesToItsNewShardAndKeysCompareExactly() {
        DirectoryStrategy directory = directory(PlacementPolicy.hash());
        ShardingRule merchants = merchants(directory);
        directory.move("Acme", "shard-1");
        directory.move("acme", "shard-2");
        directory.move("acme ", "shard-3");

        assertThat(merchants.shardOf("Acme").name()).isEqualTo("shard-1");
        assertThat(merchants.shardOf("acme").name()).isEqualTo("shard-2");
        assertThat(merchants.shardOf("acme ").name()).isEqualTo("shard-3");

        directory.move("acme", "shard-0");
        assertThat(merchants.shardOf("acme").name()).isEqualTo("shard-0");
        assertThat(directory.lookup("acme")).contains("shard-0");
    }

    @Test
    void nodesRacingOnNewKeysAgreeOnOneShardPerKey() throws Exception {
        int nodes = 4;
        int keys = 300;
        List<DirectoryStrategy> directories = new ArrayList<>();
        List<Callable<List<String>>> tasks = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            DirectoryStrategy directory = directory(PlacementPolicy.fixed(shardNames.get(n)));
            directories.add(directory);
            ShardingRule rule = merchants(directory);
            tasks.add(() -> {
                List<String> answers = new ArrayList<>();
                for (long key = 0; key < keys; key++) {
                    answers.add(rule.shardOf(10_000 + key).name());
                }
                return answers;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<List<String>> answers = new ArrayList<>();
            for (Future<List<String>> f : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                answers.add(f.get());
            }
            for (int k = 0; k < keys; k++) {
                String stored = directories.get(0).lookup(10_000L + k).orElseThrow();
                for (List<String> nodeAnswers : answers) {
                    assertThat(nodeAnswers.get(k)).as("key %s", 10_000 + k).isEqualTo(stored);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rowNamingAShardOutsideTheRuleIsATypedError() throws SQLException {
        try (Connection c = home.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + TABLE + " (key_type, shard_key, shard_name, updated_at) "
                        + "VALUES ('long', '777', 'shard-9', CURRENT_TIMESTAMP)")) {
            ps.executeUpdate();
        }
        ShardingRule merchants = merchants(directory(PlacementPolicy.hash()));

        assertThatThrownBy(() -> merchants.shardOf(777L))
                .isInstanceOf(UnknownShardException.class)
                .hasMessageContaining("'merchants'").hasMessageContaining("[java.lang.Long 777]")
                .hasMessageContaining("'shard-9'")
                .satisfies(ex -> assertThat(((UnknownShardException) ex).getShard()).isEqualTo("shard-9"));
    }

    @Test
    void missingTableIsATypedErrorNamingTheDdl() {
        DirectoryStrategy missing = ShardingStrategies.directory(home, shardNames,
                DirectoryConfig.custom().tableName("no_such_directory").build());
        ShardingRule merchants = merchants(missing);

        assertThatThrownBy(() -> merchants.shardOf(1L))
                .isInstanceOf(DirectoryTableMissingException.class)
                .hasMessageContaining("no_such_directory")
                .hasMessageContaining(dialect().resource());
    }
}
