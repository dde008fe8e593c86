package io.shardkit.spring.schema;

import io.shardkit.Shard;
import io.shardkit.ShardGate;
import io.shardkit.ShardUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema migrations of shards that were down at start-up ({@code shardkit.schema.unreachable-shard=defer}): such a
 * shard does not fail the start; its migrations (each tool's, in the order they ran on the other shards) wait here
 * and the shard serves no call until they have run. Every connection taken from a shard passes its
 * {@link ShardGate}; this one, placed after the layout fence's, runs the shard's waiting migrations on the first
 * connection asked for once the shard is reachable, on the caller's thread, and admits the call when they succeed.
 * While they run, other callers of that shard get {@link ShardUnavailableException}; when they fail, so does the
 * caller, the shard stays unserved and the next call tries again.
 *
 * <p>While no shard was ever deferred, a gate costs one volatile read; after that, one map lookup. Thread-safe.
 */
public final class DeferredMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(DeferredMigrations.class);

    /** The shard whose migrations run on this thread: their own connections pass its gate. */
    private static final ThreadLocal<String> MIGRATING = new ThreadLocal<>();

    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private volatile boolean any;

    /**
     * The gates to give the registry's shards: {@code inner}'s (the layout fence's) admit first, then a shard with
     * migrations waiting runs them.
     */
    public ShardGate.Factory around(ShardGate.@Nullable Factory inner) {
        return (name, index) -> {
            ShardGate first = inner == null ? null : inner.gateOf(name, index);
            return new Gate(first);
        };
    }

    /** Records {@code step} of {@code tool} to run on {@code shard} before it serves; {@code cause} says why not now. */
    void defer(Shard shard, String tool, ShardMigrations.Step step, Throwable cause) {
        waiting.computeIfAbsent(shard.name(), n -> new Waiting()).add(tool, step);
        any = true;
        LOG.warn("shardkit: shard '{}' is unreachable, so {} did not run on it; it serves no call until {} has run, on"
                + " the first call once it is back: {}", shard.name(), tool, tool, cause.getMessage());
    }

    /** The tools waiting to run on {@code shard}, in order; empty when none. */
    public List<String> waitingOn(String shard) {
        Waiting w = waiting.get(shard);
        return w == null ? List.of() : w.tools();
    }

    private final class Gate implements ShardGate {

        private final @Nullable ShardGate inner;

        Gate(@Nullable ShardGate inner) {
            this.inner = inner;
        }

        @Override
        public void admit(Shard shard) {
            if (inner != null) {
                inner.admit(shard);
            }
            if (!any || shard.name().equals(MIGRATING.get())) {
                return;
            }
            Waiting w = waiting.get(shard.name());
            if (w != null) {
                w.runOrRefuse(shard);
            }
        }

        @Override
        public Optional<String> refusal(Shard shard) {
            Optional<String> first = inner == null ? Optional.empty() : inner.refusal(shard);
            if (first.isPresent()) {
                return first;
            }
            List<String> tools = waitingOn(shard.name());
            return tools.isEmpty() ? Optional.empty() : Optional.of("schema migration waiting: " + tools);
        }
    }

    /** One shard's waiting migrations. */
    private final class Waiting {

        private final ReentrantLock lock = new ReentrantLock();
        private final List<String> tools = new ArrayList<>();
        private final List<ShardMigrations.Step> steps = new ArrayList<>();

        synchronized void add(String tool, ShardMigrations.Step step) {
            tools.add(tool);
            steps.add(step);
        }

        synchronized List<String> tools() {
            return List.copyOf(tools);
        }

        void runOrRefuse(Shard shard) {
            if (!lock.tryLock()) {
                throw new ShardUnavailableException(shard.name(), "its schema is being migrated " + tools()
                        + " now that it is back; it serves once that has run", null);
            }
            try {
                while (true) {
                    String tool;
                    ShardMigrations.Step step;
                    synchronized (this) {
                        if (steps.isEmpty()) {
                            break;
                        }
                        tool = tools.get(0);
                        step = steps.get(0);
                    }
                    run(shard, tool, step);
                    synchronized (this) {
                        tools.remove(0);
                        steps.remove(0);
                    }
                    LOG.info("shardkit: shard '{}': {} done after the shard came back", shard.name(), tool);
                }
                waiting.remove(shard.name());
            } finally {
                lock.unlock();
            }
        }

        private void run(Shard shard, String tool, ShardMigrations.Step step) {
            MIGRATING.set(shard.name());
            try {
                step.migrate(shard);
            } catch (Exception ex) {
                throw new ShardUnavailableException(shard.name(), "its schema is not migrated: " + tool
                        + " failed now that it is back (" + ex.getMessage() + "); it serves once " + tool
                        + " succeeds, tried again on the next call", ex);
            } finally {
                MIGRATING.remove();
            }
        }
    }
}
