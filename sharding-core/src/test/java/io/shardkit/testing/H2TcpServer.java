package io.shardkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.h2.tools.Server;

/**
 * An H2 TCP server a test can stop and start again, as a shard's database server going down and coming back:
 * file databases under a temporary directory of its own (so the data survives a restart), on a free loopback
 * port that it keeps across restarts. Stopping it ends every client session at once, as a crashed or restarted
 * database server does.
 *
 * <p>Set-up and tear-down belong to one thread; {@link #stop()} and {@link #start()} are synchronized and may be
 * called while other threads use the databases.
 */
public final class H2TcpServer implements AutoCloseable {

    private final Path baseDir;
    private int port;
    private Server server;

    private H2TcpServer(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** Starts a server on a free port, over a new temporary directory. */
    public static H2TcpServer start(String label) {
        try {
            H2TcpServer server = new H2TcpServer(Files.createTempDirectory("shardkit-h2tcp-" + label));
            server.start();
            return server;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The JDBC url of database {@code name} on this server (created on first connect). */
    public String url(String name) {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + name;
    }

    /** Starts the server again, on the port it had; a no-op while it runs. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            // Port 0 on the first start picks a free port; later starts reuse it, so the shards' urls still hold.
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists",
                    "-baseDir", baseDir.toString()).start();
            port = server.getPort();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not start the H2 TCP server on port " + port, ex);
        }
    }

    /** Stops the server: every open session ends, new connections are refused. A no-op while it is stopped. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Stops the server and deletes its databases. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(baseDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
