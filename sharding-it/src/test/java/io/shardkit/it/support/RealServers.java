package io.shardkit.it.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks that a real server (or a tool the tests need) is there before a test class uses it.
 *
 * <p>Outside CI a missing server skips the test with a message saying how to start it, so that a developer
 * without PostgreSQL or MariaDB can still build. Under {@code CI=true} a missing server FAILS the test instead:
 * a CI run that silently skipped every real-server test would prove nothing.
 *
 * <p>Stateless and thread-safe.
 */
public final class RealServers {

    /** How long a reachability probe waits for the TCP connect; a local server answers in microseconds. */
    static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private RealServers() {
    }

    /** Whether this JVM runs under CI ({@code CI=true} in the environment). */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (outside CI) or fails (under CI) the calling test unless {@code server} accepts a connection. */
    public static void require(RealServer server) {
        String problem = probe(server);
        if (problem != null) {
            unavailable(server.displayName() + " is not reachable on " + RealServer.HOST + ":" + server.port()
                    + " (" + problem + "); " + server.startHint());
        }
    }

    /**
     * Skips (outside CI) or fails (under CI) the calling test with {@code message}: the one place that decides
     * between the two.
     */
    public static void unavailable(String message) {
        unavailable(message, underCi());
    }

    static void unavailable(String message, boolean ci) {
        if (ci) {
            Assertions.fail("CI=true, so this is a failure rather than a skip: " + message);
        }
        Assumptions.abort(message);
    }

    private static String probe(RealServer server) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(RealServer.HOST, server.port()), CONNECT_TIMEOUT_MILLIS);
        } catch (IOException ex) {
            return "TCP connect failed: " + ex.getMessage();
        }
        try (Connection ignored = server.adminConnection()) {
            return null;
        } catch (SQLException ex) {
            return "login failed: " + ex.getMessage();
        }
    }
}
