package io.shardkit.it.spring;

import io.shardkit.it.support.RealServer;

/** {@link StarterRoutingContract} on four MariaDB databases. */
class MariaDbStarterIT extends StarterRoutingContract {

    @Override
    RealServer server() {
        return RealServer.MARIADB;
    }
}
