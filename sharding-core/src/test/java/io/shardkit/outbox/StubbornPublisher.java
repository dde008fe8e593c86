package io.shardkit.outbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test publisher that behaves like a blocking socket write: one chosen call on one shard blocks until the test
 * releases it and then completes normally, <em>whatever interrupts it gets meanwhile</em> (the interrupt is
 * remembered and restored on return, as a well-behaved blocking write would). Counts publish calls of the same
 * shard running at the same time, across every relay using this instance; records as its parent does.
 */
final class StubbornPublisher extends RecordingPublisher {

    private final String blockedShard;
    private final int blockedCall;
    private final CountDownLatch blocking = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger callsOnBlockedShard = new AtomicInteger();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger overlappingCalls = new AtomicInteger();

    /** Blocks the {@code blockedCall}-th call (1-based) for {@code blockedShard}. */
    StubbornPublisher(String blockedShard, int blockedCall) {
        this.blockedShard = blockedShard;
        this.blockedCall = blockedCall;
    }

    @Override
    public void publish(List<OutboxRecord> batch) throws Exception {
        AtomicInteger running = inFlight.computeIfAbsent(batch.get(0).shard(), s -> new AtomicInteger());
        if (running.incrementAndGet() > 1) {
            overlappingCalls.incrementAndGet();
        }
        try {
            super.publish(batch);
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    void beforeConfirm(List<OutboxRecord> batch) {
        if (batch.get(0).shard().equals(blockedShard) && callsOnBlockedShard.incrementAndGet() == blockedCall) {
            blocking.countDown();
            awaitReleaseIgnoringInterrupts();
        }
    }

    private void awaitReleaseIgnoringInterrupts() {
        boolean interrupted = false;
        boolean released = false;
        while (!released) {
            try {
                released = release.await(60, TimeUnit.SECONDS);
                if (!released) {
                    throw new IllegalStateException("the test never released the blocked publish");
                }
            } catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the chosen call is blocked. */
    boolean awaitBlocked() throws InterruptedException {
        return blocking.await(30, TimeUnit.SECONDS);
    }

    void release() {
        release.countDown();
    }

    /** Publish calls that started while another call for the same shard was still running. */
    int overlappingCalls() {
        return overlappingCalls.get();
    }
}
