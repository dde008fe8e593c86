package io.shardkit.it;

import io.shardkit.it.support.RealServer;

/** {@link RealShardsRoutingContract} on four PostgreSQL databases. */
class PostgresRoutingIT extends RealShardsRoutingContract {

    @Override
    RealServer server() {
        return RealServer.POSTGRES;
    }
}
