package io.shardkit.outbox;

import io.shardkit.ShardingConfigurationException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An {@link OutboxPublisher} that keeps events in memory: a log of the most recent {@code capacity} published
 * events, a total count, and listeners told of every batch. For demos, tests and in-process consumers; it
 * survives nothing, so a real deployment publishes to a broker instead.
 *
 * <p>Listeners run inside {@link #publish(List)}, before the batch is confirmed: a listener that throws refuses
 * the batch, which is then neither logged nor counted and comes again later. That makes a listener a natural
 * in-process consumer (and a way to simulate a failing broker in tests).
 *
 * <p>Thread-safe.
 */
public final class InMemoryOutboxPublisher implements OutboxPublisher {

    /** Events kept in the log by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final ArrayDeque<OutboxRecord> log;
    private final List<Consumer<List<OutboxRecord>>> listeners = new CopyOnWriteArrayList<>();
    private long published;

    public InMemoryOutboxPublisher() {
        this(DEFAULT_CAPACITY);
    }

    /** Keeps at most {@code capacity} (at least 1) most recent events; older ones drop out of the log. */
    public InMemoryOutboxPublisher(int capacity) {
        if (capacity < 1) {
            throw new ShardingConfigurationException("in-memory outbox publisher capacity must be >= 1 but was "
                    + capacity);
        }
        this.capacity = capacity;
        this.log = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** Adds a listener called with every batch before it is confirmed; see the class comment. */
    public InMemoryOutboxPublisher addListener(Consumer<List<OutboxRecord>> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    @Override
    public void publish(List<OutboxRecord> batch) {
        for (Consumer<List<OutboxRecord>> listener : listeners) {
            listener.accept(batch);
        }
        synchronized (this) {
            for (OutboxRecord record : batch) {
                if (log.size() == capacity) {
                    log.removeFirst();
                }
                log.addLast(record);
            }
            published += batch.size();
        }
    }

    /** Events confirmed so far, all of them, including those dropped out of the log. */
    public synchronized long publishedCount() {
        return published;
    }

    /** The most recent confirmed events, oldest first, at most {@code capacity}. */
    public synchronized List<OutboxRecord> recent() {
        return List.copyOf(log);
    }

    /** The {@code n} most recent confirmed events, oldest first. */
    public synchronized List<OutboxRecord> recent(int n) {
        List<OutboxRecord> all = new ArrayList<>(log);
        return List.copyOf(all.subList(Math.max(0, all.size() - Math.max(0, n)), all.size()));
    }

    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized String toString() {
        return "InMemoryOutboxPublisher[published=" + published + ", kept=" + log.size() + "/" + capacity + "]";
    }
}
