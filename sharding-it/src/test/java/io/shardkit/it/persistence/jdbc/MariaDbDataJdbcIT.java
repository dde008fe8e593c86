package io.shardkit.it.persistence.jdbc;

import io.shardkit.it.support.RealServer;
import io.shardkit.it.support.ShardDatabaseSet;
import io.shardkit.it.support.ShardDatabases;

/** {@link DataJdbcContract} on four MariaDB databases. */
class MariaDbDataJdbcIT extends DataJdbcContract {

    @Override
    ShardDatabaseSet databases() {
        return ShardDatabases.create(RealServer.MARIADB, 4);
    }

    @Override
    String dialect() {
        return "MariaDb";
    }
}
