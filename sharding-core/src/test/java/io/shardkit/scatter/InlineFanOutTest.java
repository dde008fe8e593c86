package io.shardkit.scatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardContext;
import io.shardkit.ShardingRule;
import io.shardkit.testing.H2ShardFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fan-outs whose shard calls are fast run them in turn on the caller's thread, with each shard bound and the same
 * answers, failures and timeouts as on the pool: fail-fast stops at the first failure and leaves the rest uncalled,
 * partial runs them all, a call outlasting the shard timeout fails as timed out, one past the deadline is not
 * started. Calls that wait on each other (slow ones) still run at once on the pool.
 */
class InlineFanOutTest {

    private final ShardingRule rule = H2ShardFixtures.hashRule("orders", 4);
    private final List<ScatterGatherExecutor> executors = new ArrayList<>();

    @AfterEach
    void close() {
        executors.forEach(ScatterGatherExecutor::close);
    }

    /** An executor that takes every call for fast, so that a rule runs inline once one fan-out was measured. */
    private ScatterGatherExecutor alwaysFast(ScatterGatherExecutorBuilder builder) {
        ScatterGatherExecutor executor = builder.inlineBelow(Duration.ofHours(1)).build();
        executors.add(executor);
        executor.onEveryShard(rule, req -> 1L, Merges.count()); // measured on the pool
        return executor;
    }

    @Test
    void fastCallsRunInTurnOnTheCallersThreadWithTheirShardBound() {
        ScatterGatherExecutor executor = alwaysFast(ScatterGatherExecutor.builder());
        Thread caller = Thread.currentThread();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        List<String> names = executor.onEveryShard(rule, req -> {
            threads.add(Thread.currentThread());
            assertThat(ShardContext.current()).isEqualTo(req.shard());
            return List.of(req.shard().name() + ":" + ShardContext.depth());
        }, Merges.<String>concat()).value();

        assertThat(names).containsExactly("s0:1", "s1:1", "s2:1", "s3:1");
        assertThat(threads).containsExactly(caller);
        assertThat(ShardContext.current()).isNull();
    }

    @Test
    void theFirstFanOutOfARuleRunsOnThePool() {
        ScatterGatherExecutor executor = ScatterGatherExecutor.builder().inlineBelow(Duration.ofHours(1)).build();
        executors.add(executor);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        executor.onEveryShard(rule, req -> threads.add(Thread.currentThread()) ? 1L : 1L, Merges.count());

        assertThat(threads).doesNotContain(Thread.currentThread());
    }

    @Test
    void theExecutorsConditionKeepsCallsOnThePool() {
        ScatterGatherExecutor executor = alwaysFast(ScatterGatherExecutor.builder().inlineWhen(() -> false));
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        executor.onEveryShard(rule, req -> threads.add(Thread.currentThread()) ? 1L : 1L, Merges.count());

        assertThat(threads).isNotEmpty().doesNotContain(Thread.currentThread());
    }

    @Test
    void failFastStopsAtTheFirstFailureAndLeavesTheRestUncalled() {
        ScatterGatherExecutor executor = alwaysFast(ScatterGatherExecutor.builder());
        List<String> called = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> executor.onEveryShard(rule, req -> {
            called.add(req.shard().name());
            if (req.shard().name().equals("s1")) {
                throw new IllegalStateException("s1 is broken");
            }
            return 1L;
        }, Merges.count())).isInstanceOf(ScatterGatherException.class)
                .hasMessageContaining("'s1'").hasRootCauseMessage("s1 is broken");
        assertThat(called).containsExactly("s0", "s1");
    }

    @Test
    void partialRunsEveryShardAndListsTheFailed() {
        ScatterGatherExecutor executor = alwaysFast(ScatterGatherExecutor.builder()
                .failurePolicy(FailurePolicy.PARTIAL));

        ScatterResult<Long> result = executor.onEveryShard(rule, req -> {
            if (req.shard().name().equals("s2")) {
                throw new IllegalStateException("s2 is broken");
            }
            return 1L;
        }, Merges.count());

        assertThat(result.value()).isEqualTo(3L);
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.shard().name()).isEqualTo("s2"));
    }

    @Test
    void aCallOutlastingTheShardTimeoutFailsAsTimedOutWhenItReturns() {
        ScatterGatherExecutor executor = alwaysFast(ScatterGatherExecutor.builder()
                .failurePolicy(FailurePolicy.PARTIAL).shardTimeout(Duration.ofNanos(1)));
        Thread caller = Thread.currentThread();
        AtomicInteger inline = new AtomicInteger();

        ScatterResult<Long> result = executor.onEveryShard(rule, req -> {
            if (Thread.currentThread() == caller) {
                inline.incrementAndGet();
            }
            return 1L;
        }, Merges.count());

        assertThat(inline).hasValue(4);
        assertThat(result.failures()).hasSize(4).allSatisfy(f -> assertThat(f.cause())
                .isInstanceOfSatisfying(ShardTimeoutException.class, t -> assertThat(t.isDeadline()).isFalse()));
    }

    @Test
    void aCallNotStartedByTheDeadlineIsNotStarted() {
        ScatterGatherExecutor executor = alwaysFast(ScatterGatherExecutor.builder()
                .failurePolicy(FailurePolicy.PARTIAL).deadline(Duration.ofNanos(1)));
        AtomicInteger calls = new AtomicInteger();

        ScatterResult<Long> result = executor.onEveryShard(rule, req -> (long) calls.incrementAndGet(),
                Merges.count());

        assertThat(calls).hasValue(0);
        assertThat(result.failures()).hasSize(4).allSatisfy(f -> assertThat(f.cause())
                .isInstanceOfSatisfying(ShardTimeoutException.class, t -> assertThat(t.isDeadline()).isTrue()));
    }

    @Test
    void callsThatWaitForEachOtherStillRunAtOnceOnThePool() throws Exception {
        ScatterGatherExecutor executor = ScatterGatherExecutor.builder().build();
        executors.add(executor);
        for (int round = 0; round < 3; round++) {
            // Each call returns only when all four are running: a serial or inline run would time out here.
            CyclicBarrier allRunning = new CyclicBarrier(4);
            long started = System.nanoTime();
            long count = executor.onEveryShard(rule, req -> {
                allRunning.await(5, TimeUnit.SECONDS);
                return 1L;
            }, Merges.count()).value();
            assertThat(count).isEqualTo(4);
            assertThat(System.nanoTime() - started).as("round %d", round).isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
    }
}
