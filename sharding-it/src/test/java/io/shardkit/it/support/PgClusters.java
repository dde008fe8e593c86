package io.shardkit.it.support;

import io.shardkit.ShardPoolConfig;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PostgreSQL cluster (its own server process, data directory and port) per shard, so that a test can stop a
 * single shard's server while the others keep serving. Built on Debian's postgresql-common tools
 * ({@code pg_createcluster}, {@code pg_ctlcluster}, {@code pg_dropcluster}), which work as root and hand the
 * server to the {@code postgres} user.
 *
 * <p>Cluster names are {@code skit_<pid>_<i>}; {@link #create} first drops clusters of that shape whose JVM is
 * gone (an earlier run killed before it could clean up). {@link #close()} drops this run's clusters, and a
 * shutdown hook does so too should the JVM end before {@code close()} runs.
 *
 * <p>Set-up and tear-down belong to one thread; {@link #stop(int)} and {@link #start(int)} are synchronized and may
 * be called from a test thread while other threads use the shards.
 */
public final class PgClusters implements ShardDatabaseSet {

    static final String PREFIX = "skit_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d+)_\\d+");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final String version;
    private final List<String> serverOptions;
    private final List<String> names;
    private final int[] ports;
    private final boolean[] running;
    private final Thread cleanup = new Thread(this::dropAll, "shardkit-it-pg-cleanup");

    private PgClusters(String version, List<String> serverOptions, List<String> names, int[] ports) {
        this.version = version;
        this.serverOptions = List.copyOf(serverOptions);
        this.names = List.copyOf(names);
        this.ports = ports.clone();
        this.running = new boolean[names.size()];
    }

    /**
     * Creates and starts {@code count} clusters; skips (outside CI) or fails (under CI) when the tools are missing
     * or this user may not run them.
     */
    public static PgClusters create(int count) {
        return create(count, List.of());
    }

    /**
     * As {@link #create(int)}, each server started with {@code serverOptions} as well ({@code name=value}, e.g.
     * {@code wal_level=logical} for logical decoding).
     */
    public static PgClusters create(int count, List<String> serverOptions) {
        String version = requireTools();
        dropLeftovers(version);
        long pid = ProcessHandle.current().pid();
        List<String> names = new ArrayList<>();
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            names.add(PREFIX + pid + "_" + i);
            ports[i] = Ports.free();
        }
        PgClusters clusters = new PgClusters(version, serverOptions, names, ports);
        Runtime.getRuntime().addShutdownHook(clusters.cleanup);
        try {
            clusters.forEachInParallel(clusters::createCluster);
            clusters.forEachInParallel(clusters::startUnlocked);
        } catch (RuntimeException ex) {
            clusters.close();
            throw ex;
        }
        return clusters;
    }

    /** The PostgreSQL version to create clusters of; skips or fails (as {@link RealServers} decides) without tools. */
    static String requireTools() {
        File etc = new File("/etc/postgresql");
        String[] versions = etc.list((dir, name) -> name.matches("\\d+"));
        if (!new File("/usr/bin/pg_createcluster").canExecute() || versions == null || versions.length == 0) {
            RealServers.unavailable("per-shard PostgreSQL clusters need Debian's postgresql-common tools "
                    + "(pg_createcluster, pg_ctlcluster) and a PostgreSQL server package under /etc/postgresql");
        }
        String user = System.getProperty("user.name");
        if (!"root".equals(user) && !"postgres".equals(user)) {
            RealServers.unavailable("per-shard PostgreSQL clusters are created with pg_createcluster, which must run "
                    + "as root or postgres; this JVM runs as " + user);
        }
        Arrays.sort(versions, (a, b) -> Integer.compare(Integer.parseInt(b), Integer.parseInt(a)));
        return versions[0];
    }

    private static void dropLeftovers(String version) {
        for (String name : clusterNames(version)) {
            Matcher m = NAME.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                run(List.of("pg_dropcluster", "--stop", version, name));
            }
        }
    }

    /** The names of the clusters of {@code version} on this machine, whoever created them. */
    static List<String> clusterNames(String version) {
        List<String> names = new ArrayList<>();
        for (String line : run(List.of("pg_lsclusters", "--no-header")).split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 2 && cols[0].equals(version)) {
                names.add(cols[1]);
            }
        }
        return names;
    }

    private void createCluster(int i) {
        // fsync off and small buffers: these clusters hold test data only, and four of them share the machine.
        List<String> command = new ArrayList<>(List.of("pg_createcluster", version, names.get(i), "-p",
                Integer.toString(ports[i]), "-o", "fsync=off", "-o", "synchronous_commit=off",
                "-o", "full_page_writes=off", "-o", "shared_buffers=16MB", "-o", "max_connections=40"));
        for (String option : serverOptions) {
            command.add("-o");
            command.add(option);
        }
        command.addAll(List.of("--", "--auth=trust", "--no-sync"));
        run(command);
    }

    /** Starts shard {@code i}'s server and waits until it accepts connections. */
    public synchronized void start(int i) {
        startUnlocked(i);
    }

    /** Stops shard {@code i}'s server at once (fast shutdown: open sessions are ended, their work rolled back). */
    public synchronized void stop(int i) {
        running[i] = false;
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", "-m", "fast", version, names.get(i), "stop"));
    }

    private void startUnlocked(int i) {
        // Set-up starts all servers in parallel, before the instance is shared; the lock would serialize them.
        run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, names.get(i), "start"));
        running[i] = true;
    }

    /** Starts every server a test stopped, so that the next test finds all shards up. */
    public synchronized void startAll() {
        for (int i = 0; i < running.length; i++) {
            if (!running[i]) {
                start(i);
            }
        }
    }

    @Override
    public int size() {
        return names.size();
    }

    public int port(int i) {
        return ports[i];
    }

    /** The pool config of shard {@code i}'s cluster ({@code postgres} database), with the test defaults. */
    @Override
    public ShardPoolConfig.Builder poolConfig(int i) {
        return ShardPoolConfig.custom()
                .url(RealServer.POSTGRES.jdbcUrl(RealServer.HOST, ports[i], "postgres"))
                .username("postgres")
                .password("")
                .maximumPoolSize(4)
                .connectionTimeout(Duration.ofSeconds(1));
    }

    /** Stops and drops every cluster this instance created. */
    @Override
    public void close() {
        dropAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself while the JVM exits: nothing left to unregister.
        }
    }

    private void dropAll() {
        for (String name : names) {
            try {
                run(List.of("pg_dropcluster", "--stop", version, name));
            } catch (RuntimeException ex) {
                System.err.println("shardkit-it: could not drop cluster " + name + ": " + ex.getMessage());
            }
        }
    }

    private void forEachInParallel(IntConsumer action) {
        List<Thread> threads = new ArrayList<>();
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < names.size(); i++) {
            int shard = i;
            Thread t = new Thread(() -> {
                try {
                    action.accept(shard);
                } catch (RuntimeException ex) {
                    failures.add(ex);
                }
            }, "shardkit-it-pg-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while setting up PostgreSQL clusters", ex);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    /** Runs a command, returning its output; a non-zero exit or a hang past the timeout is an exception. */
    static String run(List<String> command) {
        File log = null;
        try {
            // Output goes to a file, not a pipe: a chatty command can then never block on a full pipe.
            log = File.createTempFile("shardkit-it-cmd", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            p.getOutputStream().close();
            if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + COMMAND_TIMEOUT.toSeconds() + "s: " + command);
            }
            String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + " from " + command + ": " + out.strip());
            }
            return out;
        } catch (IOException ex) {
            throw new IllegalStateException("could not run " + command + ": " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, ex);
        } finally {
            if (log != null && !log.delete()) {
                log.deleteOnExit();
            }
        }
    }
}
