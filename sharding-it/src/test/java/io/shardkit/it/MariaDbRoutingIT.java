package io.shardkit.it;

import io.shardkit.it.support.RealServer;

/** {@link RealShardsRoutingContract} on four MariaDB databases. */
class MariaDbRoutingIT extends RealShardsRoutingContract {

    @Override
    RealServer server() {
        return RealServer.MARIADB;
    }
}
