package io.shardkit.it.support;

import static org.awaitility.Awaitility.await;

import io.shardkit.ShardPoolConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A MariaDB server of a test's own: its own data directory (under the temporary directory), port and process
 * ({@code mariadb-install-db}, then {@code mariadbd} started and stopped as a child process), so that a test can
 * stop a shard's server and start it again while the machine's MariaDB keeps serving the others. Root logs in
 * over TCP with an empty password, as on the machine's server.
 *
 * <p>Data directories are named {@code shardkit-mariadb-<pid>-<random>}; {@link #create} first kills the server
 * and deletes the directory of any whose JVM is gone (an earlier run killed before it could clean up).
 * {@link #close()} stops the server and deletes its directory, and a shutdown hook does so too should the JVM end
 * before {@code close()} runs.
 *
 * <p>Set-up and tear-down belong to one thread; {@link #stop()} and {@link #start()} are synchronized and may be
 * called while other threads use the server.
 */
public final class MariaDbInstance implements AutoCloseable {

    static final String PREFIX = "shardkit-mariadb-";
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");
    private static final File INSTALL_DB = new File("/usr/bin/mariadb-install-db");
    private static final File MARIADBD = new File("/usr/sbin/mariadbd");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final int port;
    private final Thread cleanup = new Thread(this::stopAndDelete, "shardkit-it-mariadb-cleanup");
    private Process server;

    private MariaDbInstance(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /**
     * Installs a data directory and starts a server on a free port; skips (outside CI) or fails (under CI) when the
     * MariaDB server package is missing or this user may not run it.
     */
    public static MariaDbInstance create() {
        requireTools();
        dropLeftovers();
        Path dir;
        try {
            dir = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        MariaDbInstance instance = new MariaDbInstance(dir, Ports.free());
        Runtime.getRuntime().addShutdownHook(instance.cleanup);
        try {
            PgClusters.run(List.of(INSTALL_DB.getPath(), "--no-defaults", "--user=root", "--datadir=" + dir,
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            instance.start();
        } catch (RuntimeException ex) {
            instance.close();
            throw ex;
        }
        return instance;
    }

    private static void requireTools() {
        if (!INSTALL_DB.canExecute() || !MARIADBD.canExecute()) {
            RealServers.unavailable("a MariaDB server of the test's own needs the MariaDB server package ("
                    + INSTALL_DB + ", " + MARIADBD + ")");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            RealServers.unavailable("a MariaDB server of the test's own runs as root here (mariadbd --user=root); "
                    + "this JVM runs as " + System.getProperty("user.name"));
        }
    }

    /** Kills the servers and deletes the data directories of earlier runs whose JVM is gone. */
    static void dropLeftovers() {
        File[] dirs = new File(System.getProperty("java.io.tmpdir")).listFiles((d, name) -> name.startsWith(PREFIX));
        for (File dir : dirs == null ? new File[0] : dirs) {
            Matcher m = NAME.matcher(dir.getName());
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                serverPid(dir.toPath()).flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
                delete(dir.toPath());
            }
        }
    }

    private static Optional<Long> serverPid(Path dir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve("mysqld.pid")).strip()));
        } catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
    }

    /** Starts the server (on its port, over its data directory) and waits until root can log in. */
    public synchronized void start() {
        if (server != null && server.isAlive()) {
            return;
        }
        try {
            server = new ProcessBuilder(MARIADBD.getPath(), "--no-defaults", "--user=root", "--datadir=" + dataDir,
                    "--port=" + port, "--bind-address=" + RealServer.HOST, "--socket=" + dataDir.resolve("mysqld.sock"),
                    "--pid-file=" + dataDir.resolve("mysqld.pid"), "--log-error=" + dataDir.resolve("error.log"),
                    // Small and unsynced: test data only, and the machine is shared.
                    "--skip-log-bin", "--skip-name-resolve", "--innodb-buffer-pool-size=16M",
                    "--innodb-flush-log-at-trx-commit=0", "--max-connections=60")
                    .redirectErrorStream(true).redirectOutput(dataDir.resolve("console.log").toFile()).start();
        } catch (IOException ex) {
            throw new UncheckedIOException("could not start " + MARIADBD, ex);
        }
        await("MariaDB on port " + port + " accepts root").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    if (!server.isAlive()) {
                        throw new IllegalStateException("mariadbd exited: " + errorLog());
                    }
                    try (Connection ignored = adminConnection()) {
                        return true;
                    }
                });
    }

    /** Stops the server (a normal shutdown: open sessions are ended, their transactions rolled back). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.destroy();
        try {
            if (!server.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping mariadbd", ex);
        }
        server = null;
    }

    /** Creates database {@code name}. */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = adminConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
    }

    /** A pool config for database {@code name} on this server, with the test defaults. */
    public ShardPoolConfig.Builder poolConfig(String name) {
        return ShardPoolConfig.custom().url(RealServer.MARIADB.jdbcUrl(RealServer.HOST, port, name))
                .username("root").password("").maximumPoolSize(4).connectionTimeout(Duration.ofSeconds(1));
    }

    private Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(RealServer.MARIADB.jdbcUrl(RealServer.HOST, port, ""), "root", "");
    }

    private String errorLog() {
        try {
            return Files.readString(dataDir.resolve("error.log"), StandardCharsets.UTF_8).strip();
        } catch (IOException ex) {
            return "(no error log: " + ex.getMessage() + ")";
        }
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself while the JVM exits: nothing left to unregister.
        }
    }

    private void stopAndDelete() {
        try {
            stop();
        } finally {
            delete(dataDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ex) {
            System.err.println("shardkit-it: could not delete " + dir + ": " + ex.getMessage());
        }
    }
}
