package io.shardkit.scatter;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardScope;
import io.shardkit.metrics.MeterNames;
import io.shardkit.metrics.ShardingMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One scatter-gather in flight: admits each shard through its guard, submits the admitted ones, then waits on
 * a completion queue, cancelling (interrupting) tasks whose per-shard timeout or the overall deadline ran out,
 * and, under {@link FailurePolicy#FAIL_FAST}, every straggler at the first failure. The caller's latency is
 * therefore that of the slowest shard (or the first failure), never the sum. When the rule's shard calls are
 * fast ({@link InlinePolicy}) the admitted calls instead run in turn on the caller's thread, where a timeout is
 * found when the call returns and fail-fast leaves the remaining shards uncalled.
 *
 * <p>Not thread-safe: used once, by the calling thread; the tasks report back through a concurrent queue.
 */
final class FanOut<K, T> {

    private final ScatterGatherExecutor.Settings settings;
    private final String rule;
    private final List<ShardRequest<K>> requests;
    private final ShardCall<K, T> call;
    private final BlockingQueue<ShardTask<K, T>> completions = new LinkedBlockingQueue<>();
    private final List<ShardTask<K, T>> tasks = new ArrayList<>();
    private final boolean[] submitted;
    private final Object[] values;
    private final @Nullable Throwable[] failures;
    private final boolean[] settled;

    FanOut(ScatterGatherExecutor.Settings settings, String rule, List<ShardRequest<K>> requests,
           ShardCall<K, T> call) {
        this.settings = settings;
        this.rule = rule;
        this.requests = requests;
        this.call = call;
        this.values = new Object[requests.size()];
        this.failures = new Throwable[requests.size()];
        this.settled = new boolean[requests.size()];
        this.submitted = new boolean[requests.size()];
    }

    /** Runs every request and returns the per-shard outcomes, or throws under fail-fast. */
    Gathered<T> run() {
        long startNanos = System.nanoTime();
        settings.metrics().fanOut(rule, requests.size());
        admitAll();
        if (settings.inline().inline(rule)) {
            runInline(startNanos + settings.deadline().toNanos());
            return gathered();
        }
        for (int i = 0; i < requests.size(); i++) {
            if (!settled[i]) {
                submit(i);
            }
        }
        await(startNanos + settings.deadline().toNanos());
        return gathered();
    }

    /** The admitted calls one after the other on this thread, each with its shard bound. */
    private void runInline(long deadlineAt) {
        for (int i = 0; i < requests.size(); i++) {
            if (settled[i]) {
                continue; // refused by its breaker (partial policy)
            }
            if (Thread.currentThread().isInterrupted()) {
                abandonFrom(i);
                throw ScatterGatherException.interrupted(rule, requests.size() - i, requests.size(),
                        new InterruptedException("interrupted before shard '" + requests.get(i).shard().name()
                                + "' was called"));
            }
            Throwable failure = callInline(i, deadlineAt);
            if (failure != null && settings.policy() == FailurePolicy.FAIL_FAST) {
                abandonFrom(i + 1);
                throw failFast(i);
            }
        }
    }

    /** Runs shard {@code i}'s call here and settles it; returns its failure, {@code null} on success. */
    private @Nullable Throwable callInline(int i, long deadlineAt) {
        ShardRequest<K> request = requests.get(i);
        Shard shard = request.shard();
        long start = System.nanoTime();
        if (start - deadlineAt >= 0) {
            Throwable late = new ShardTimeoutException(rule, shard.name(), settings.deadline(), true);
            settings.guard().failed(rule, shard, 0, late);
            record(i, null, late, 0, MeterNames.OUTCOME_TIMEOUT);
            return late;
        }
        T value = null;
        Throwable failure = null;
        try (ShardScope ignored = ShardContext.bind(shard)) {
            value = call.call(request);
        } catch (Throwable ex) { // as a worker's FutureTask would: the shard's failure, whatever it is
            failure = ex;
        }
        long nanos = System.nanoTime() - start;
        settings.inline().sample(rule, nanos);
        if (failure == null && nanos >= settings.shardTimeout().toNanos()) {
            failure = new ShardTimeoutException(rule, shard.name(), settings.shardTimeout(), false);
            settings.guard().failed(rule, shard, nanos, failure);
            record(i, null, failure, nanos, MeterNames.OUTCOME_TIMEOUT);
        } else if (failure == null) {
            settings.guard().succeeded(rule, shard, nanos);
            record(i, value, null, nanos, MeterNames.OUTCOME_SUCCESS);
        } else {
            settings.guard().failed(rule, shard, nanos, failure);
            record(i, null, failure, nanos, MeterNames.OUTCOME_FAILURE);
        }
        return failure;
    }

    /** Hands back the breaker permits of the admitted shards from {@code from} on that will not be called. */
    private void abandonFrom(int from) {
        for (int j = from; j < requests.size(); j++) {
            if (!settled[j]) {
                settings.guard().abandoned(rule, requests.get(j).shard());
            }
        }
    }

    /** Asks each shard's guard; under fail-fast one refusal fails the call before anything runs. */
    private void admitAll() {
        for (int i = 0; i < requests.size(); i++) {
            Shard shard = requests.get(i).shard();
            ShardCircuitOpenException refused = settings.guard().admit(rule, shard);
            if (refused != null) {
                record(i, null, refused, 0, MeterNames.OUTCOME_REJECTED);
                if (settings.policy() == FailurePolicy.FAIL_FAST) {
                    releaseAdmitted(i);
                    throw failFast(i);
                }
            }
        }
    }

    private void releaseAdmitted(int refusedAt) {
        for (int j = 0; j < refusedAt; j++) {
            settings.guard().abandoned(rule, requests.get(j).shard());
        }
    }

    private void submit(int i) {
        ShardTask<K, T> task = new ShardTask<>(i, requests.get(i), call, completions);
        Executor executor = settings.executor();
        try {
            executor.execute(task);
            tasks.add(task);
            submitted[i] = true;
        } catch (RejectedExecutionException ex) {
            Shard shard = requests.get(i).shard();
            settings.guard().abandoned(rule, shard);
            record(i, null, ScatterGatherException.rejected(rule, shard.name(), ex), 0, MeterNames.OUTCOME_REJECTED);
            if (settings.policy() == FailurePolicy.FAIL_FAST) {
                throw abort(i);
            }
        }
    }

    private void await(long deadlineAt) {
        int pending = tasks.size();
        while (pending > 0) {
            ShardTask<K, T> done;
            try {
                done = completions.poll(Math.max(0, nextWakeUp(deadlineAt) - System.nanoTime()),
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException ex) {
                cancelRemaining();
                Thread.currentThread().interrupt();
                throw ScatterGatherException.interrupted(rule, pending, requests.size(), ex);
            }
            if (done == null) {
                expire(System.nanoTime(), deadlineAt);
                continue;
            }
            pending--;
            settle(done);
            if (done.started()) {
                settings.inline().sample(rule, done.elapsedNanos());
            }
            if (failures[done.position] != null && settings.policy() == FailurePolicy.FAIL_FAST) {
                throw abort(done.position);
            }
        }
    }

    /** The earliest moment a running task's timeout or the deadline runs out. */
    private long nextWakeUp(long deadlineAt) {
        long wakeAt = deadlineAt;
        long timeout = settings.shardTimeout().toNanos();
        for (ShardTask<K, T> task : tasks) {
            if (!task.isDone() && task.started()) {
                long expiresAt = task.startNanos() + timeout;
                if (expiresAt - wakeAt < 0) {
                    wakeAt = expiresAt;
                }
            }
        }
        return wakeAt;
    }

    private void expire(long now, long deadlineAt) {
        for (ShardTask<K, T> task : tasks) {
            if (task.isDone()) {
                continue;
            }
            String shard = task.request.shard().name();
            if (now - deadlineAt >= 0) {
                cancel(task, new ShardTimeoutException(rule, shard, settings.deadline(), true));
            } else if (task.started() && now - task.startNanos() >= settings.shardTimeout().toNanos()) {
                cancel(task, new ShardTimeoutException(rule, shard, settings.shardTimeout(), false));
            }
        }
    }

    private static void cancel(ShardTask<?, ?> task, Throwable reason) {
        task.cancelReason = reason;
        // If the task completes in the meantime the cancel fails and its real outcome is settled instead.
        task.cancel(true);
    }

    /** Books a finished task: its value or failure, its breaker outcome and its metrics. */
    private void settle(ShardTask<K, T> task) {
        Shard shard = task.request.shard();
        long nanos = task.elapsedNanos();
        if (task.isCancelled()) {
            Throwable reason = task.cancelReason;
            Throwable failure = reason != null ? reason : ScatterGatherException.cancelled(rule, shard.name());
            settings.guard().failed(rule, shard, nanos, failure);
            record(task.position, null, failure, nanos, MeterNames.OUTCOME_TIMEOUT);
            return;
        }
        try {
            T value = task.get();
            settings.guard().succeeded(rule, shard, nanos);
            record(task.position, value, null, nanos, MeterNames.OUTCOME_SUCCESS);
        } catch (ExecutionException ex) {
            Throwable failure = ex.getCause() != null ? ex.getCause() : ex;
            settings.guard().failed(rule, shard, nanos, failure);
            record(task.position, null, failure, nanos, MeterNames.OUTCOME_FAILURE);
        } catch (InterruptedException ex) {
            // Unreachable: the task is done, so get() does not wait. Keep the flag regardless.
            Thread.currentThread().interrupt();
            throw ScatterGatherException.interrupted(rule, 1, requests.size(), ex);
        }
    }

    private void record(int position, @Nullable Object value, @Nullable Throwable failure, long nanos,
                        String outcome) {
        values[position] = value;
        failures[position] = failure;
        settled[position] = true;
        settings.metrics().shardCall(rule, requests.get(position).shard().name(), nanos, outcome);
    }

    /** Fail-fast: cancels every straggler and builds the failure naming the shard at {@code position}. */
    private ScatterGatherException abort(int position) {
        cancelRemaining();
        return failFast(position);
    }

    private ScatterGatherException failFast(int position) {
        Throwable cause = failures[position];
        String shard = requests.get(position).shard().name();
        return cause == null ? ScatterGatherException.cancelled(rule, shard)
                : ScatterGatherException.shardFailed(rule, shard, cause);
    }

    /**
     * Cancels what has not finished, for another shard's failure or the caller's interrupt: that says nothing
     * about these shards' health, so their breaker permits are handed back rather than counted as failures.
     */
    private void cancelRemaining() {
        ShardingMetrics metrics = settings.metrics();
        for (ShardTask<K, T> task : tasks) {
            if (!settled[task.position] && task.cancel(true)) {
                settings.guard().abandoned(rule, task.request.shard());
                metrics.shardCall(rule, task.request.shard().name(), task.elapsedNanos(),
                        MeterNames.OUTCOME_CANCELLED);
            }
        }
        for (int i = 0; i < requests.size(); i++) {
            if (!settled[i] && !submitted[i]) {
                settings.guard().abandoned(rule, requests.get(i).shard());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Gathered<T> gathered() {
        List<T> ok = new ArrayList<>();
        List<Shard> succeeded = new ArrayList<>();
        List<ShardFailure> failed = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Throwable failure = failures[i];
            if (failure != null) {
                failed.add(new ShardFailure(requests.get(i).shard(), failure));
            } else {
                ok.add((T) values[i]);
                succeeded.add(requests.get(i).shard());
            }
        }
        return new Gathered<>(ok, succeeded, failed);
    }

    /** The per-shard outcomes of one fan-out, in request order. */
    record Gathered<T>(List<T> values, List<Shard> succeeded, List<ShardFailure> failures) {
    }
}
