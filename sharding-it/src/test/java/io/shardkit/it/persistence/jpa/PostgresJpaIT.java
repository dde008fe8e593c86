package io.shardkit.it.persistence.jpa;

import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabaseSet;
import io.shardkit.it.support.ShardDatabases;

/** {@link JpaContract} on four PostgreSQL shards. */
class PostgresJpaIT extends JpaContract {

    @Override
    ShardDatabaseSet databases() {
        return ShardDatabases.create(RealServer.POSTGRES, 4);
    }

    @Override
    String dialect() {
        return "PostgreSQL";
    }
}
