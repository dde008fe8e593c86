package io.shardkit.it;

import io.shardkit.it.support.RealServer;

/** {@link RealShardsConnectionGuardContract} on four MariaDB databases. */
class MariaDbConnectionGuardIT extends RealShardsConnectionGuardContract {

    @Override
    RealServer server() {
        return RealServer.MARIADB;
    }

    @Override
    String hibernateDialect() {
        return "org.hibernate.dialect.MariaDBDialect";
    }
}
