package io.shardkit;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which shard the current unit of work is bound to, per thread.
 *
 * <pre>{@code
 * try (ShardScope scope = ShardContext.bind(registry.shard("shard-1"))) {
 *     jdbc.update(...);                 // runs on shard-1 through the routing DataSource
 * }                                     // previous binding (or none) restored, even on exception
 * }</pre>
 *
 * <p>Thread-safe: every thread has its own binding stack. Bindings are deliberately <em>not</em> inherited by
 * child threads nor carried into executors, so a pooled thread never starts a task with a stale shard. To run
 * work on another thread with the caller's shard, say so explicitly with {@link #wrap(Runnable)},
 * {@link #wrap(Callable)}, {@link #wrap(Supplier)} (for {@code CompletableFuture.supplyAsync}) or
 * {@link #propagating(Executor)}; these carry the binding's {@link TransactionFence} along with its shard.
 */
public final class ShardContext {

    private static final ThreadLocal<Frame> FRAMES = ThreadLocal.withInitial(Frame::new);

    private ShardContext() {
    }

    /** Binds {@code shard} to the current thread until the returned scope is closed. Nesting is allowed. */
    public static ShardScope bind(Shard shard) {
        Objects.requireNonNull(shard, "shard");
        Frame frame = FRAMES.get();
        return new ShardScope(frame, frame.push(shard, null), shard);
    }

    /**
     * Binds {@code shard} with {@code fence}: each transaction of the routing DataSource's connections on this
     * thread, while the scope is open, runs the fence before its first statement that may write, and a statement
     * that may write in auto-commit mode is refused ({@link TransactionFence}). An inner binding without a fence
     * hides it.
     */
    public static ShardScope bind(Shard shard, TransactionFence fence) {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(fence, "fence");
        Frame frame = FRAMES.get();
        return new ShardScope(frame, frame.push(shard, fence), shard);
    }

    /** The shard bound to the current thread, or {@code null} when none is. */
    public static @Nullable Shard current() {
        return FRAMES.get().top();
    }

    /** The fence of the innermost binding on the current thread, or {@code null} when it has none. */
    public static @Nullable TransactionFence currentFence() {
        return FRAMES.get().topFence();
    }

    /** How many bindings are open on the current thread (0 when none). */
    public static int depth() {
        return FRAMES.get().depth;
    }

    /** Returns a runnable that runs {@code task} with the shard bound now (if any), wherever it is run. */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        Shard captured = current();
        TransactionFence fence = currentFence();
        return () -> {
            if (captured == null) {
                task.run();
                return;
            }
            try (ShardScope ignored = rebind(captured, fence)) {
                task.run();
            }
        };
    }

    /** Returns a callable that calls {@code task} with the shard bound now (if any), wherever it is called. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Shard captured = current();
        TransactionFence fence = currentFence();
        return () -> {
            if (captured == null) {
                return task.call();
            }
            try (ShardScope ignored = rebind(captured, fence)) {
                return task.call();
            }
        };
    }

    /** Returns a supplier that gets {@code task} with the shard bound now (if any); for {@code supplyAsync}. */
    public static <T> Supplier<T> wrap(Supplier<T> task) {
        Objects.requireNonNull(task, "task");
        Shard captured = current();
        TransactionFence fence = currentFence();
        return () -> {
            if (captured == null) {
                return task.get();
            }
            try (ShardScope ignored = rebind(captured, fence)) {
                return task.get();
            }
        };
    }

    /** Binds what {@code wrap} captured: the shard, and its fence when it had one. */
    private static ShardScope rebind(Shard shard, @Nullable TransactionFence fence) {
        return fence == null ? bind(shard) : bind(shard, fence);
    }

    /**
     * An executor that runs each task with the shard that was bound on the submitting thread at submission
     * time, and with nothing bound when nothing was.
     */
    public static Executor propagating(Executor delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return task -> delegate.execute(wrap(task));
    }

    /** Per-thread stack of bindings; an array so that binding allocates nothing but the scope. */
    static final class Frame {
        private final Thread owner = Thread.currentThread();
        private Shard[] stack = new Shard[4];
        private TransactionFence[] fences = new TransactionFence[4];
        private int depth;

        int push(Shard shard, @Nullable TransactionFence fence) {
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
                fences = Arrays.copyOf(fences, depth * 2);
            }
            stack[depth] = shard;
            fences[depth++] = fence;
            return depth;
        }

        @Nullable Shard top() {
            return depth == 0 ? null : stack[depth - 1];
        }

        @Nullable TransactionFence topFence() {
            return depth == 0 ? null : fences[depth - 1];
        }

        void pop(int scopeDepth) {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("ShardScope opened on thread [" + owner.getName()
                        + "] closed on thread [" + Thread.currentThread().getName() + "]");
            }
            if (scopeDepth != depth) {
                throw new IllegalStateException("ShardScope closed out of order: it is binding #" + scopeDepth
                        + " but " + depth + " bindings are open; close inner scopes first");
            }
            stack[--depth] = null;
            fences[depth] = null;
        }
    }
}
