package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import org.junit.jupiter.api.Test;

class OutboxSchemaTest {

    @Test
    void everyDialectShipsTheTableItsIndexAndTheRelayLock() {
        for (String product : new String[] {"H2", "PostgreSQL", "MariaDB"}) {
            assertThat(OutboxSchema.statements(OutboxSchema.resourceFor(product))).as(product).hasSize(5)
                    .allSatisfy(sql -> assertThat(sql).doesNotEndWith(";").doesNotContain("--"))
                    .anySatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS outbox ("))
                    .anySatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS outbox_lock ("))
                    .anySatisfy(sql -> assertThat(sql).isEqualTo("ALTER TABLE outbox_lock ADD COLUMN IF NOT EXISTS "
                            + "lease_token VARCHAR(36) NULL"));
        }
    }

    @Test
    void createIsIdempotent() throws Exception {
        OutboxShards shards = new OutboxShards(1);   // created once already
        OutboxSchema.create(shards.shard(0).dataSource());
        assertThat(shards.count(0, "SELECT COUNT(*) FROM outbox_lock")).isEqualTo(1);
    }

    @Test
    void upgradesALockTableCreatedBeforeLeaseTokensKeepingItsRow() throws Exception {
        OutboxShards shards = new OutboxShards(1);
        shards.execute(0, "DROP TABLE outbox_lock");
        shards.execute(0, "CREATE TABLE outbox_lock (name VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "lease_owner VARCHAR(128) NULL, lease_until TIMESTAMP(6) NULL)");
        shards.execute(0, "INSERT INTO outbox_lock (name, lease_owner) VALUES ('relay', 'old-relay')");

        OutboxSchema.create(shards.shard(0).dataSource());

        assertThat(shards.count(0, "SELECT COUNT(*) FROM outbox_lock WHERE lease_token IS NULL "
                + "AND lease_owner = 'old-relay'")).isEqualTo(1);
    }

    @Test
    void unknownDatabaseIsNamed() {
        assertThatThrownBy(() -> OutboxSchema.resourceFor("Oracle"))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("[Oracle]");
    }
}
