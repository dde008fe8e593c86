package io.shardkit.it.persistence.schema;

import io.shardkit.it.persistence.MigrationChecks;
import io.shardkit.it.support.H2Databases;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import org.junit.jupiter.api.Test;

/** Flyway on every shard, in shard order, each with its own history; a failing or unreachable shard is named. */
class FlywayShardsIT {

    private static final String[] SETTINGS = {"spring.flyway.locations=classpath:db/it-flyway"};

    @Test
    void migratesFourH2Shards() {
        MigrationChecks.everyShardMigrated(MigrationApplication.class, H2Databases.create(4),
                "flyway_schema_history", SETTINGS);
    }

    @Test
    void migratesFourPostgresShards() {
        try (ShardDatabases databases = ShardDatabases.create(RealServer.POSTGRES, 4)) {
            MigrationChecks.everyShardMigrated(MigrationApplication.class, databases, "flyway_schema_history",
                    SETTINGS);
        }
    }

    @Test
    void migratesFourMariaDbShards() {
        try (ShardDatabases databases = ShardDatabases.create(RealServer.MARIADB, 4)) {
            MigrationChecks.everyShardMigrated(MigrationApplication.class, databases, "flyway_schema_history",
                    SETTINGS);
        }
    }

    @Test
    void aShardWhoseMigrationFailsStopsTheStartNamingIt() throws Exception {
        MigrationChecks.aFailingShardStopsTheStartNamingIt(MigrationApplication.class, "Flyway",
                "flyway_schema_history", SETTINGS);
    }

    @Test
    void anUnreachableShardStopsTheStartNamingIt() {
        MigrationChecks.anUnreachableShardStopsTheStartNamingIt(MigrationApplication.class, "Flyway", SETTINGS);
    }

    @Test
    void anUnreachableShardIsMigratedWhenItComesBackWhenSoConfigured() throws Exception {
        MigrationChecks.anUnreachableShardIsMigratedWhenItComesBack(MigrationApplication.class, "Flyway",
                "flyway_schema_history", SETTINGS);
    }
}
