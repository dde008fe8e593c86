package io.shardkit.it;

import io.shardkit.it.support.RealServer;

/** {@link RealShardsDirectoryContract} with the directory table on MariaDB. */
class MariaDbDirectoryIT extends RealShardsDirectoryContract {

    @Override
    RealServer server() {
        return RealServer.MARIADB;
    }
}
