package io.shardkit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingConfigurationException;
import org.junit.jupiter.api.Test;

class OutboxSchemaTest {

    @Test
    void everyDialectShipsTheTableItsIndexAndTheRelayLock() {
        for (String product : new String[] {"H2", "PostgreSQL", "MariaDB"}) {
            assertThat(OutboxSchema.statements(OutboxSchema.resourceFor(product))).as(product).hasSize(4)
                    .allSatisfy(sql -> assertThat(sql).doesNotEndWith(";").doesNotContain("--"))
                    .anySatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS outbox ("))
                    .anySatisfy(sql -> assertThat(sql).startsWith("CREATE TABLE IF NOT EXISTS outbox_lock ("));
        }
    }

    @Test
    void createIsIdempotent() throws Exception {
        OutboxShards shards = new OutboxShards(1);   // created once already
        OutboxSchema.create(shards.shard(0).dataSource());
        assertThat(shards.count(0, "SELECT COUNT(*) FROM outbox_lock")).isEqualTo(1);
    }

    @Test
    void unknownDatabaseIsNamed() {
        assertThatThrownBy(() -> OutboxSchema.resourceFor("Oracle"))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("[Oracle]");
    }
}
