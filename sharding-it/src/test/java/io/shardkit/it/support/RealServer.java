package io.shardkit.it.support;

import io.shardkit.ShardPoolConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The database servers the integration tests run on: the machine's PostgreSQL and MariaDB, each reached as its
 * administrator over TCP on 127.0.0.1. Each constant knows how to open an administrative connection, how to
 * create and drop a database, and how to tell a developer to start the server when it is not running.
 *
 * <p>Immutable and thread-safe.
 */
public enum RealServer {

    POSTGRES("PostgreSQL", 5432, "postgres",
            "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
                    + " (trust auth for user postgres on 127.0.0.1:5432)") {
        @Override
        public String jdbcUrl(String host, int port, String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?connectTimeout=2&socketTimeout=30";
        }

        @Override
        String adminDatabase() {
            return "postgres";
        }

        @Override
        String dropDatabaseSql(String name) {
            // FORCE ends sessions a failed test may have left open; otherwise the drop would fail.
            return "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
        }

        @Override
        String listDatabasesSql() {
            return "SELECT datname FROM pg_database";
        }
    },

    MARIADB("MariaDB", 3306, "root",
            "start it with: start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"
                    + " (user root with an empty password on 127.0.0.1:3306)") {
        @Override
        public String jdbcUrl(String host, int port, String database) {
            return "jdbc:mariadb://" + host + ":" + port + "/" + database + "?connectTimeout=2000&socketTimeout=30000";
        }

        @Override
        String adminDatabase() {
            return "";
        }

        @Override
        String dropDatabaseSql(String name) {
            return "DROP DATABASE IF EXISTS " + name;
        }

        @Override
        String listDatabasesSql() {
            return "SHOW DATABASES";
        }
    };

    static final String HOST = "127.0.0.1";

    private final String displayName;
    private final int port;
    private final String user;
    private final String startHint;

    RealServer(String displayName, int port, String user, String startHint) {
        this.displayName = displayName;
        this.port = port;
        this.user = user;
        this.startHint = startHint;
    }

    /** A JDBC url for {@code database} on a server of this kind at {@code host:port}, with short timeouts. */
    public abstract String jdbcUrl(String host, int port, String database);

    abstract String adminDatabase();

    abstract String dropDatabaseSql(String name);

    abstract String listDatabasesSql();

    public String displayName() {
        return displayName;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /** What a developer should run when the server is not reachable. */
    public String startHint() {
        return startHint;
    }

    /** A JDBC url for {@code database} on this machine's server. */
    public String jdbcUrl(String database) {
        return jdbcUrl(HOST, port, database);
    }

    /** A pool config for {@code database} on this server, with a short connection timeout. */
    public ShardPoolConfig.Builder poolConfig(String database) {
        return ShardPoolConfig.custom()
                .url(jdbcUrl(database))
                .username(user)
                .password("")
                .maximumPoolSize(4)
                .connectionTimeout(Duration.ofSeconds(2));
    }

    /** An administrative connection (the caller closes it). */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(adminDatabase()), user, "");
    }
}
