package io.shardkit.outbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test publisher: records every attempt (batch handed in, and whether it was confirmed) and every confirmed event
 * per shard, fails the first {@code failFirst} calls, and detects the same event being in flight twice at once.
 */
class RecordingPublisher implements OutboxPublisher {

    /** One publish call: the shard, the ids handed in, and whether the call confirmed them. */
    record Attempt(String shard, List<Long> ids, boolean confirmed) {
    }

    private final int failFirst;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, List<Long>> confirmed = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> overlaps = ConcurrentHashMap.newKeySet();

    RecordingPublisher() {
        this(0);
    }

    RecordingPublisher(int failFirst) {
        this.failFirst = failFirst;
    }

    @Override
    public void publish(List<OutboxRecord> batch) throws Exception {
        List<Long> ids = batch.stream().map(OutboxRecord::id).toList();
        String shard = batch.get(0).shard();
        for (OutboxRecord r : batch) {
            if (!inFlight.add(r.key())) {
                overlaps.add(r.key());
            }
        }
        boolean ok = false;
        try {
            // Stretch the in-flight window a little (no sleep, no yield: both are slow on a loaded machine), so
            // that two relays holding the same events would be caught overlapping.
            for (int i = 0; i < 20_000; i++) {
                Thread.onSpinWait();
            }
            if (calls.incrementAndGet() <= failFirst) {
                throw new IllegalStateException("broker unavailable (test failure " + calls.get() + ")");
            }
            beforeConfirm(batch);
            confirmed.computeIfAbsent(shard, s -> Collections.synchronizedList(new ArrayList<>())).addAll(ids);
            ok = true;
        } finally {
            batch.forEach(r -> inFlight.remove(r.key()));
            attempts.add(new Attempt(shard, ids, ok));
        }
    }

    /** Hook for subclasses: runs before a batch is confirmed; throwing refuses it. */
    void beforeConfirm(List<OutboxRecord> batch) throws Exception {
    }

    List<Long> confirmed(String shard) {
        List<Long> ids = confirmed.get(shard);
        if (ids == null) {
            return List.of();
        }
        synchronized (ids) {
            return List.copyOf(ids);
        }
    }

    int confirmedCount() {
        return confirmed.values().stream().mapToInt(List::size).sum();
    }

    List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    Set<String> overlaps() {
        return Set.copyOf(overlaps);
    }

    int calls() {
        return calls.get();
    }
}
