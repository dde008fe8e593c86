package io.shardkit.reshard;

import io.shardkit.ShardRegistry;
import io.shardkit.outbox.OutboxServers;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The 4 -> 8 expansion under 16 writers on real PostgreSQL and MariaDB shards (eight fresh databases each): the
 * shared and exclusive bucket locks, the journal and the outbox move in each database's own SQL. Skips (fails
 * with {@code CI=true}) when the server is not running.
 */
class ReshardRealDatabasesIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb"})
    @Timeout(300)
    void expandFourToEightUnderSixteenWriters(String database) throws Exception {
        OutboxServers servers = OutboxServers.require(database);
        try (ShardRegistry registry = servers.createShards(8, 20);
             OrderShards db = new OrderShards(registry.shards(), 128)) {
            ReshardUnderLoadTest.expandUnderLoad(db, database);
        } finally {
            servers.drop();
        }
    }
}
