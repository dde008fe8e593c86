package io.shardkit.it.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardkit.Shard;
import io.shardkit.ShardRegistry;
import io.shardkit.it.persistence.MigrationChecks;
import io.shardkit.it.persistence.PersistenceApps;
import io.shardkit.it.persistence.ShardPlacement;
import io.shardkit.it.support.H2Databases;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code spring.sql.init} scripts on every shard: by default on embedded shards, with {@code always} on any. */
class SqlInitShardsIT {

    private static final String[] SCRIPTS = {"spring.flyway.enabled=false",
        "spring.sql.init.schema-locations=classpath:db/it-sqlinit/schema.sql",
        "spring.sql.init.data-locations=classpath:db/it-sqlinit/data.sql"};

    @Test
    void embeddedShardsGetTheScriptsWithNothingConfigured() {
        assertEveryShardInitialised(H2Databases.create(4), SCRIPTS);
    }

    @Test
    void serverShardsGetThemWithModeAlways() {
        try (ShardDatabases databases = ShardDatabases.create(RealServer.POSTGRES, 4)) {
            String[] always = java.util.Arrays.copyOf(SCRIPTS, SCRIPTS.length + 1);
            always[SCRIPTS.length] = "spring.sql.init.mode=always";
            assertEveryShardInitialised(databases, always);
        }
    }

    @Test
    void aShardWhoseScriptFailsStopsTheStartNamingIt() throws Exception {
        MigrationChecks.aFailingShardStopsTheStartNamingIt(MigrationApplication.class, "spring.sql.init scripts",
                "parcel_history_none", SCRIPTS);
    }

    private static void assertEveryShardInitialised(io.shardkit.it.support.ShardDatabaseSet databases,
                                                    String... settings) {
        try (ConfigurableApplicationContext context = PersistenceApps.start(MigrationApplication.class, databases,
                settings).value()) {
            for (Shard shard : context.getBean(ShardRegistry.class).shards()) {
                assertThat(ShardPlacement.direct(shard).queryForObject("SELECT COUNT(*) FROM parcel", Integer.class))
                        .as("%s has the schema and the reference row", shard.name()).isEqualTo(1);
            }
        }
    }
}
