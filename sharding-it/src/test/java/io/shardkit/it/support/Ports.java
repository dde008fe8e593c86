package io.shardkit.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on the loopback interface, for servers a test starts and for addresses where nothing listens.
 *
 * <p>Stateless and thread-safe. A port is free when returned; another process could take it before the caller
 * binds it, which on a test machine is rare enough to accept.
 */
public final class Ports {

    private Ports() {
    }

    /** A loopback port nothing listens on right now. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException("no free port on the loopback interface", ex);
        }
    }
}
