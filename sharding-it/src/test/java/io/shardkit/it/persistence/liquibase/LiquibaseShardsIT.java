package io.shardkit.it.persistence.liquibase;

import io.shardkit.it.persistence.MigrationChecks;
import io.shardkit.it.support.H2Databases;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import org.junit.jupiter.api.Test;

/** Liquibase on every shard, in shard order, each with its own changelog table; a failing shard is named. */
class LiquibaseShardsIT {

    @Test
    void migratesFourH2Shards() {
        MigrationChecks.everyShardMigrated(LiquibaseApplication.class, H2Databases.create(4), "databasechangelog",
                LiquibaseApplication.CHANGELOG);
    }

    @Test
    void migratesFourPostgresShards() {
        try (ShardDatabases databases = ShardDatabases.create(RealServer.POSTGRES, 4)) {
            MigrationChecks.everyShardMigrated(LiquibaseApplication.class, databases, "databasechangelog",
                    LiquibaseApplication.CHANGELOG);
        }
    }

    @Test
    void aShardWhoseChangelogFailsStopsTheStartNamingIt() throws Exception {
        MigrationChecks.aFailingShardStopsTheStartNamingIt(LiquibaseApplication.class, "Liquibase",
                "databasechangelog", LiquibaseApplication.CHANGELOG);
    }

    @Test
    void anUnreachableShardStopsTheStartNamingIt() {
        MigrationChecks.anUnreachableShardStopsTheStartNamingIt(LiquibaseApplication.class, "Liquibase",
                LiquibaseApplication.CHANGELOG);
    }
}
