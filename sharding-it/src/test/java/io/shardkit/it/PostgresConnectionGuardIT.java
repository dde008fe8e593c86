package io.shardkit.it;

import io.shardkit.it.support.RealServer;

/** {@link RealShardsConnectionGuardContract} on four PostgreSQL databases. */
class PostgresConnectionGuardIT extends RealShardsConnectionGuardContract {

    @Override
    RealServer server() {
        return RealServer.POSTGRES;
    }

    @Override
    String hibernateDialect() {
        return "org.hibernate.dialect.PostgreSQLDialect";
    }
}
