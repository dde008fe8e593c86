package io.shardkit.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.InvalidShardKeyException;
import io.shardkit.Shard;
import io.shardkit.ShardUnavailableException;
import io.shardkit.ShardingRule;
import io.shardkit.UnknownShardException;
import io.shardkit.strategy.ShardingStrategies;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DirectoryStrategyTest {

    static final List<String> SHARDS = List.of("shard-0", "shard-1", "shard-2", "shard-3");

    private final H2Directory db = new H2Directory().createTable(DirectoryConfig.DEFAULT_TABLE_NAME);

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private DirectoryStrategy directory(DirectoryConfig config) {
        return DirectoryStrategy.create("shard-0", db.dataSource(), SHARDS, config);
    }

    private DirectoryStrategy directory() {
        return directory(DirectoryConfig.ofDefaults());
    }

    @Test
    void newKeyIsPlacedByHashAndWrittenToTheTable() {
        DirectoryStrategy dir = directory();
        int expected = ShardingStrategies.hash(4).shardOf("merchants", 42L);
        assertThat(dir.shardOf("merchants", 42L)).isEqualTo(expected);
        assertThat(db.rows("shard_directory")).containsExactly(Map.entry("long:42", SHARDS.get(expected)));
        assertThat(dir.lookup(42L)).contains(SHARDS.get(expected));
        assertThat(dir.lookup(43L)).isEmpty();
    }

    @Test
    void integralTypesAreOneKeyAndStringsAnother() {
        DirectoryStrategy dir = directory(DirectoryConfig.custom().placementPolicy(PlacementPolicy.fixed("shard-1"))
                .build());
        dir.shardOf("merchants", 42L);
        dir.shardOf("merchants", 42);
        dir.shardOf("merchants", (short) 42);
        dir.shardOf("merchants", "42");
        UUID uuid = UUID.fromString("123E4567-E89B-12D3-A456-426614174000");
        dir.shardOf("merchants", uuid);
        assertThat(db.rows("shard_directory")).containsOnlyKeys("long:42", "string:42",
                "uuid:123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void cacheHitDoesNotTouchTheDatabase() {
        DirectoryStrategy dir = directory();
        int slot = dir.shardOf("merchants", "acme");
        int afterFirst = db.connections();
        assertThat(afterFirst).isEqualTo(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(dir.shardOf("merchants", "acme")).isEqualTo(slot);
        }
        assertThat(db.connections()).as("connections after 1000 hits").isEqualTo(afterFirst);
        dir.invalidate("acme");
        dir.shardOf("merchants", "acme");
        assertThat(db.connections()).as("a miss after invalidate reads the table").isEqualTo(afterFirst + 1);
    }

    @Test
    void storedRowWinsAndThePolicyRunsOnlyForNewKeys() {
        db.execute("INSERT INTO shard_directory VALUES ('long', '7', 'shard-3', CURRENT_TIMESTAMP)");
        AtomicInteger calls = new AtomicInteger();
        PlacementPolicy counting = (rule, key, shards) -> {
            calls.incrementAndGet();
            return shards.get(0);
        };
        DirectoryStrategy dir = directory(DirectoryConfig.custom().placementPolicy(counting).build());
        assertThat(dir.shardOf("merchants", 7L)).isEqualTo(3);
        assertThat(calls).hasValue(0);
        assertThat(dir.shardOf("merchants", 8L)).isEqualTo(0);
        assertThat(calls).hasValue(1);
    }

    @Test
    void placementPolicyIsPluggable() {
        DirectoryStrategy dir = directory(DirectoryConfig.custom().placementPolicy(PlacementPolicy.fixed("shard-2"))
                .build());
        for (long key = 1; key <= 50; key++) {
            assertThat(dir.shardOf("merchants", key)).isEqualTo(2);
        }
        assertThat(db.rows("shard_directory")).hasSize(50).allSatisfy((k, shard) -> assertThat(shard)
                .isEqualTo("shard-2"));
    }

    @Test
    void policyNamingAnUnknownShardIsRefusedAndWritesNothing() {
        DirectoryStrategy dir = directory(DirectoryConfig.custom().placementPolicy(PlacementPolicy.fixed("shard-9"))
                .build());
        assertThatThrownBy(() -> dir.shardOf("merchants", 5L))
                .isInstanceOfSatisfying(UnknownShardException.class, e -> {
                    assertThat(e.getRule()).isEqualTo("merchants");
                    assertThat(e.getShard()).isEqualTo("shard-9");
                    assertThat(e.getKey()).isEqualTo(5L);
                });
        assertThat(db.rows("shard_directory")).isEmpty();
    }

    @Test
    void rowNamingAShardOutsideTheRuleIsATypedError() {
        db.execute("INSERT INTO shard_directory VALUES ('string', 'acme', 'shard-old', CURRENT_TIMESTAMP)");
        assertThatThrownBy(() -> directory().shardOf("merchants", "acme"))
                .isInstanceOf(UnknownShardException.class)
                .hasMessage("Rule 'merchants': key [java.lang.String acme] maps to unknown shard 'shard-old';"
                        + " known shards are " + SHARDS);
    }

    @Test
    void moveUpdatesTheRowAndInvalidatesTheCache() {
        DirectoryStrategy nodeA = directory();
        DirectoryStrategy nodeB = directory();
        int before = nodeA.shardOf("merchants", "acme");
        assertThat(nodeB.shardOf("merchants", "acme")).isEqualTo(before);
        int target = (before + 1) % SHARDS.size();

        nodeA.move("acme", SHARDS.get(target));

        assertThat(nodeA.shardOf("merchants", "acme")).isEqualTo(target);
        assertThat(db.rows("shard_directory")).containsEntry("string:acme", SHARDS.get(target));
        assertThat(nodeB.shardOf("merchants", "acme")).as("node B still serves its cached entry").isEqualTo(before);
        nodeB.invalidate("acme");
        assertThat(nodeB.shardOf("merchants", "acme")).isEqualTo(target);
    }

    @Test
    void anotherNodeSeesAMoveOnceItsTtlExpires() {
        DirectoryStrategy nodeA = directory();
        DirectoryStrategy nodeB = directory(DirectoryConfig.custom().cacheTtl(Duration.ofMillis(200)).build());
        int before = nodeB.shardOf("merchants", 77L);
        int target = (before + 2) % SHARDS.size();
        nodeA.move(77L, SHARDS.get(target));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> nodeB.shardOf("merchants", 77L) == target);
    }

    @Test
    void movingAnUnplacedKeyPinsIt() {
        DirectoryStrategy dir = directory();
        dir.move(UUID.fromString("00000000-0000-0000-0000-000000000001"), "shard-3");
        assertThat(dir.shardOf("tenants", UUID.fromString("00000000-0000-0000-0000-000000000001"))).isEqualTo(3);
        assertThat(db.rows("shard_directory")).hasSize(1);
    }

    @Test
    void moveToAnUnknownShardIsRefusedAndChangesNothing() {
        DirectoryStrategy dir = directory();
        int slot = dir.shardOf("merchants", 9L);
        assertThatThrownBy(() -> dir.move(9L, "shard-9"))
                .isInstanceOf(UnknownShardException.class)
                .hasMessageContaining("'shard-9'");
        assertThat(db.rows("shard_directory")).containsExactly(Map.entry("long:9", SHARDS.get(slot)));
    }

    @Test
    void missingTableIsATypedErrorNamingTheTableAndTheDdl() {
        DirectoryStrategy dir = directory(DirectoryConfig.custom().tableName("merchant_directory").build());
        assertThatThrownBy(() -> dir.shardOf("merchants", 1L))
                .isInstanceOfSatisfying(DirectoryTableMissingException.class, e -> {
                    assertThat(e.getTable()).isEqualTo("merchant_directory");
                    assertThat(e.getShard()).isEqualTo("shard-0");
                    assertThat(e.getRule()).isEqualTo("merchants");
                })
                .hasMessageContaining("Rule 'merchants': directory table 'merchant_directory' on shard 'shard-0'")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("io/shardkit/directory/schema-h2.sql");
    }

    @Test
    void unreachableDatabaseIsShardUnavailableNamingTheHomeShard() {
        DataSource down = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("Connection refused", "08001");
                });
        DirectoryStrategy dir = DirectoryStrategy.create("shard-0", down, SHARDS, DirectoryConfig.ofDefaults());
        assertThatThrownBy(() -> dir.shardOf("merchants", 1L))
                .isInstanceOfSatisfying(ShardUnavailableException.class,
                        e -> assertThat(e.getShard()).isEqualTo("shard-0"))
                .hasMessageContaining("directory table 'shard_directory'")
                .hasMessageContaining("rule 'merchants'")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void keysOfOtherTypesAreRefused() {
        DirectoryStrategy dir = directory();
        assertThatThrownBy(() -> dir.shardOf("merchants", 1.5d))
                .isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("Rule 'merchants': key [java.lang.Double 1.5]");
        assertThatThrownBy(() -> dir.shardOf("merchants", null)).isInstanceOf(InvalidShardKeyException.class);
        assertThatThrownBy(() -> dir.shardOf("merchants", "x".repeat(256)))
                .isInstanceOf(InvalidShardKeyException.class)
                .hasMessageContaining("at most 255 characters");
        assertThat(db.connections()).isZero();
    }

    @Test
    void aRuleRoutesThroughTheDirectory() {
        List<Shard> shards = new ArrayList<>();
        for (int i = 0; i < SHARDS.size(); i++) {
            shards.add(new Shard(SHARDS.get(i), i, db.raw()));
        }
        DirectoryStrategy dir = ShardingStrategies.directory(shards.get(0), SHARDS,
                DirectoryConfig.custom().placementPolicy(PlacementPolicy.fixed("shard-3")).build());
        ShardingRule merchants = new ShardingRule("merchants", shards, dir);
        assertThat(merchants.shardOf("acme")).isEqualTo(shards.get(3));
        assertThat(dir.describe()).isEqualTo("directory(shard_directory on shard-0, 4 shards)");
    }

    @Test
    void theFingerprintNamesTheTableItsHomeAndTheSlotsNotTheCacheNorThePlacement() {
        Shard home = new Shard("shard-0", 0, db.raw());
        String fingerprint = "directory(table=shard_directory, home=shard-0, slots=" + SHARDS + ")";
        assertThat(ShardingStrategies.directory(home, SHARDS).fingerprint()).isEqualTo(fingerprint);
        assertThat(ShardingStrategies.directory(home, SHARDS, DirectoryConfig.custom().cacheMaximumSize(5)
                .placementPolicy(PlacementPolicy.fixed("shard-3")).build()).fingerprint()).isEqualTo(fingerprint);
    }

    @Test
    void shardListMustBeUsable() {
        assertThatThrownBy(() -> DirectoryStrategy.create("shard-0", db.dataSource(), List.of(),
                DirectoryConfig.ofDefaults())).hasMessageContaining("no shards");
        assertThatThrownBy(() -> DirectoryStrategy.create("shard-0", db.dataSource(), List.of("a", "b", "a"),
                DirectoryConfig.ofDefaults())).hasMessageContaining("twice");
    }
}
