package io.shardkit.it;

import io.shardkit.ShardRegistry;
import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabases;
import io.shardkit.routing.ShardRoutingDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Four fresh databases on one real server, a registry of Hikari pools over them and a routing DataSource, for
 * the lifetime of a test class. Subclasses name the server.
 *
 * <p>Not thread-safe (one instance per test class, JUnit's per-class lifecycle).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealShardsFixture {

    static final int SHARDS = 4;

    ShardDatabases databases;
    ShardRegistry registry;
    final ShardRoutingDataSource routing = ShardRoutingDataSource.create();

    abstract RealServer server();

    @BeforeAll
    void startShards() throws Exception {
        databases = ShardDatabases.create(server(), SHARDS);
        registry = databases.registry();
    }

    @AfterAll
    void stopShards() {
        if (registry != null) {
            registry.close();
        }
        if (databases != null) {
            databases.close();
        }
    }
}
