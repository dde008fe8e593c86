package io.shardkit.it.persistence.jdbc;

import io.shardkit.it.support.H2Databases;
import io.shardkit.it.support.ShardDatabaseSet;

/** {@link DataJdbcContract} on four in-memory H2 shards. */
class H2DataJdbcIT extends DataJdbcContract {

    @Override
    ShardDatabaseSet databases() {
        return H2Databases.create(4);
    }

    @Override
    String dialect() {
        return "H2";
    }
}
