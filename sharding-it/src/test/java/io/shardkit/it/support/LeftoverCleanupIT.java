package io.shardkit.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an earlier, killed run left behind is removed by the next run, and only that: databases, clusters and
 * MariaDB servers named after a JVM that still runs (another test run on the same machine) are left alone.
 */
class LeftoverCleanupIT {

    @ParameterizedTest
    @EnumSource(RealServer.class)
    void databasesOfDeadRunsAreDroppedAndThoseOfLiveRunsKept(RealServer server) throws SQLException {
        RealServers.require(server);
        String dead = ShardDatabases.PREFIX + deadPid() + "_deadbeef_0";
        String live = ShardDatabases.PREFIX + ProcessHandle.current().pid() + "_0ddba11_0";
        try (Connection c = server.adminConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + dead);
            st.execute("CREATE DATABASE " + live);
            try (ShardDatabases databases = ShardDatabases.create(server, 1)) {
                assertThat(databases(server, st)).doesNotContain(dead).contains(live)
                        .containsAll(databases.names());
            } finally {
                st.execute(server.dropDatabaseSql(dead));
                st.execute(server.dropDatabaseSql(live));
            }
        }
    }

    @Test
    void clustersOfDeadRunsAreDroppedAndOwnClustersDroppedOnClose() {
        String version = PgClusters.requireTools();
        String dead = PgClusters.PREFIX + deadPid() + "_0";
        String ownPrefix = PgClusters.PREFIX + ProcessHandle.current().pid() + "_";
        PgClusters.run(List.of("pg_createcluster", version, dead, "-p", Integer.toString(Ports.free()),
                "--", "--auth=trust", "--no-sync"));
        try {
            try (PgClusters clusters = PgClusters.create(1)) {
                assertThat(PgClusters.clusterNames(version)).doesNotContain(dead).contains(ownPrefix + "0");
            }
            assertThat(PgClusters.clusterNames(version)).noneMatch(n -> n.startsWith(ownPrefix));
        } finally {
            if (PgClusters.clusterNames(version).contains(dead)) {
                PgClusters.run(List.of("pg_dropcluster", "--stop", version, dead));
            }
        }
    }

    @Test
    void mariaDbServersOfDeadRunsAreKilledAndTheirDirectoriesDeletedThoseOfLiveRunsKept() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path dead = Files.createDirectory(tmp.resolve(MariaDbInstance.PREFIX + deadPid() + "-1"));
        Path live = Files.createDirectory(tmp.resolve(MariaDbInstance.PREFIX + ProcessHandle.current().pid() + "-1"));
        // A process standing in for the server the dead run left running.
        Process orphan = new ProcessBuilder("sleep", "600").start();
        try {
            Files.writeString(dead.resolve("mysqld.pid"), orphan.pid() + "\n");
            MariaDbInstance.dropLeftovers();
            assertThat(orphan.waitFor(30, TimeUnit.SECONDS)).as("the orphaned server is killed").isTrue();
            assertThat(dead).doesNotExist();
            assertThat(live).isDirectory();
        } finally {
            orphan.destroyForcibly();
            Files.deleteIfExists(dead.resolve("mysqld.pid"));
            Files.deleteIfExists(dead);
            Files.deleteIfExists(live);
        }
    }

    /** A pid above Linux's largest possible pid_max (2^22): no process can have it. */
    private static long deadPid() {
        long pid = 2_000_000_000L;
        assertThat(ProcessHandle.of(pid)).as("process %s", pid).isEmpty();
        return pid;
    }

    private static List<String> databases(RealServer server, Statement st) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(server.listDatabasesSql())) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
