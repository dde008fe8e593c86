package io.shardkit.it.persistence.jpa;

import io.shardkit.it.support.H2Databases;
import io.shardkit.it.support.ShardDatabaseSet;

/** {@link JpaContract} on four H2 shards. */
class H2JpaIT extends JpaContract {

    @Override
    ShardDatabaseSet databases() {
        return H2Databases.create(4);
    }

    @Override
    String dialect() {
        return "H2";
    }
}
