package io.shardkit.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Threads placing the same new keys at once must end with one shard per key, in the table and in every
 * thread's answer. Each "node" proposes a different shard for every key, so only the insert-if-absent protocol
 * (not a shared deterministic hash) can make them agree.
 */
class DirectoryRaceIT {

    private static final int THREADS = 8;
    private static final int KEYS = 10_000;
    private static final List<String> SHARDS = List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");

    private final H2Directory db = new H2Directory().createTable(DirectoryConfig.DEFAULT_TABLE_NAME);
    private final HikariDataSource pool = pool(db);

    @AfterEach
    void close() {
        pool.close();
        db.close();
    }

    @Test
    void eightNodesRacingOnTenThousandNewKeysAgreeOnOneShardEach() throws Exception {
        List<DirectoryStrategy> nodes = new ArrayList<>();
        for (int node = 0; node < THREADS; node++) {
            nodes.add(node(PlacementPolicy.fixed(SHARDS.get(node))));
        }
        assertOneShardPerKey(race(nodes));
    }

    @Test
    void eightThreadsSharingOneInstanceAgreeOnOneShardEach() throws Exception {
        // A policy that answers differently on every call: only the table can make the threads agree.
        AtomicInteger next = new AtomicInteger();
        DirectoryStrategy shared = node((rule, key, shards) -> shards.get(next.getAndIncrement() % shards.size()));
        List<DirectoryStrategy> nodes = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            nodes.add(shared);
        }
        assertOneShardPerKey(race(nodes));
    }

    private DirectoryStrategy node(PlacementPolicy policy) {
        return DirectoryStrategy.create("s0", pool, SHARDS, DirectoryConfig.custom().placementPolicy(policy)
                .build());
    }

    /** Each thread resolves every key, in the same order, all starting at once; returns slot[thread][key]. */
    private static int[][] race(List<DirectoryStrategy> nodes) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<int[]>> futures = new ArrayList<>();
            for (DirectoryStrategy node : nodes) {
                futures.add(executor.submit(() -> {
                    int[] slots = new int[KEYS];
                    start.await();
                    for (int key = 0; key < KEYS; key++) {
                        slots[key] = node.shardOf("merchants", "merchant-" + key);
                    }
                    return slots;
                }));
            }
            start.countDown();
            int[][] result = new int[THREADS][];
            for (int t = 0; t < THREADS; t++) {
                result[t] = futures.get(t).get(120, TimeUnit.SECONDS);
            }
            return result;
        } finally {
            executor.shutdownNow();
        }
    }

    private void assertOneShardPerKey(int[][] slots) {
        Map<String, String> rows = db.rows(DirectoryConfig.DEFAULT_TABLE_NAME);
        assertThat(rows).hasSize(KEYS);
        for (int key = 0; key < KEYS; key++) {
            String stored = rows.get("string:merchant-" + key);
            for (int t = 0; t < THREADS; t++) {
                if (!SHARDS.get(slots[t][key]).equals(stored)) {
                    throw new AssertionError("key merchant-" + key + ": thread " + t + " saw "
                            + SHARDS.get(slots[t][key]) + " but the table holds " + stored);
                }
            }
        }
    }

    private static HikariDataSource pool(H2Directory db) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(db.raw());
        config.setMaximumPoolSize(THREADS);
        config.setPoolName("directory-race");
        return new HikariDataSource(config);
    }
}
