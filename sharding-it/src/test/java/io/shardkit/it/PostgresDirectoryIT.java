package io.shardkit.it;

import io.shardkit.it.support.RealServer;

/** {@link RealShardsDirectoryContract} with the directory table on PostgreSQL. */
class PostgresDirectoryIT extends RealShardsDirectoryContract {

    @Override
    RealServer server() {
        return RealServer.POSTGRES;
    }
}
