package io.shardkit.it.spring;

import io.shardkit.it.support.RealServer;

/** {@link StarterRoutingContract} on four PostgreSQL databases. */
class PostgresStarterIT extends StarterRoutingContract {

    @Override
    RealServer server() {
        return RealServer.POSTGRES;
    }
}
