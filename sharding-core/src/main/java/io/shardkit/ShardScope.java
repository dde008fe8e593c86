package io.shardkit;

/**
 * A binding of a shard to the current thread, made by {@link ShardContext#bind(Shard)}. Closing it restores
 * the binding that was in place before. Use it in try-with-resources so that no exception can leave it bound.
 *
 * <p>Not thread-safe: a scope belongs to the thread that opened it and must be closed there, innermost first.
 */
public final class ShardScope implements AutoCloseable {

    private final ShardContext.Frame frame;
    private final int depth;
    // Kept here rather than read back from the frame: after close() that slot is cleared or reused.
    private final Shard shard;
    private boolean closed;

    ShardScope(ShardContext.Frame frame, int depth, Shard shard) {
        this.frame = frame;
        this.depth = depth;
        this.shard = shard;
    }

    /** The shard this scope bound, also after it was closed. */
    public Shard shard() {
        return shard;
    }

    /**
     * Restores the previous binding. Closing twice is a no-op; closing from another thread, or while an inner
     * scope is still open, is refused with an {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        frame.pop(depth);
        closed = true;
    }
}
