package io.shardkit.scatter;

import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;

/**
 * One shard's part of a fan-out as a cancellable task: binds the shard around the call, remembers when it
 * started (per-shard timeouts count from there, not from queueing) and reports itself to the fan-out's
 * completion queue when done, failed or cancelled.
 *
 * <p>Thread-safe: run by a worker, observed and cancelled by the waiting thread.
 */
final class ShardTask<K, T> extends FutureTask<T> {

    final int position;
    final ShardRequest<K> request;
    private final BlockingQueue<ShardTask<K, T>> completions;
    private volatile long startNanos;
    private volatile boolean started;
    private volatile long endNanos;
    /** Why the waiting thread cancelled this task; set before {@link #cancel(boolean)}. */
    volatile @Nullable Throwable cancelReason;

    ShardTask(int position, ShardRequest<K> request, ShardCall<K, T> call,
              BlockingQueue<ShardTask<K, T>> completions) {
        super(() -> {
            try (ShardScope ignored = ShardContext.bind(request.shard())) {
                return call.call(request);
            }
        });
        this.position = position;
        this.request = request;
        this.completions = completions;
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        started = true;
        super.run();
    }

    @Override
    protected void done() {
        endNanos = System.nanoTime();
        completions.add(this);
    }

    boolean started() {
        return started;
    }

    long startNanos() {
        return startNanos;
    }

    /** How long the task ran: from its start to its end, or 0 when it never started. */
    long elapsedNanos() {
        return started ? Math.max(0, endNanos - startNanos) : 0;
    }
}
