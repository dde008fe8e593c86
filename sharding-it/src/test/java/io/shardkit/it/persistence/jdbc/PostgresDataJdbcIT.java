package io.shardkit.it.persistence.jdbc;

import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabaseSet;
import io.shardkit.it.support.ShardDatabases;

/** {@link DataJdbcContract} on four PostgreSQL databases. */
class PostgresDataJdbcIT extends DataJdbcContract {

    @Override
    ShardDatabaseSet databases() {
        return ShardDatabases.create(RealServer.POSTGRES, 4);
    }

    @Override
    String dialect() {
        return "Postgres";
    }
}
