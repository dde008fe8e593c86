package io.shardkit.scatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.Shard;
import io.shardkit.ShardContext;
import io.shardkit.ShardingConfigurationException;
import io.shardkit.ShardingRule;
import io.shardkit.UnknownShardException;
import io.shardkit.metrics.MeterNames;
import io.shardkit.metrics.ShardingMetrics;
import io.shardkit.testing.H2ShardFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScatterGatherExecutorTest {

    private final ShardingRule rule = H2ShardFixtures.hashRule("orders", 8);
    private final List<ScatterGatherExecutor> executors = new ArrayList<>();

    @AfterEach
    void close() {
        executors.forEach(ScatterGatherExecutor::close);
    }

    private ScatterGatherExecutor executor(ScatterGatherExecutorBuilder builder) {
        ScatterGatherExecutor executor = builder.build();
        executors.add(executor);
        return executor;
    }

    @Test
    void eachShardRunsWithItsShardBoundAndNothingLeftBoundAfter() {
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder().parallelism(2));
        ScatterResult<List<String>> result = executor.onEveryShard(rule, req -> {
            assertThat(ShardContext.current()).isEqualTo(req.shard());
            // A binding leaked by an earlier task on this pooled thread would show as depth 2.
            return List.of(req.shard().name() + ":" + ShardContext.depth());
        }, Merges.concat());
        assertThat(result.value()).containsExactly("s0:1", "s1:1", "s2:1", "s3:1", "s4:1", "s5:1", "s6:1", "s7:1");
        assertThat(result.isComplete()).isTrue();
        assertThat(result.width()).isEqualTo(8);
        assertThat(ShardContext.current()).isNull();
    }

    @Test
    void keyedFanOutHandsEachShardOnlyItsKeysAndSkipsShardsWithout() {
        List<Long> keys = List.of(1L, 2L, 3L);
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        ScatterResult<Long> result = executor(ScatterGatherExecutor.builder()).onShardsOwning(rule, keys,
                req -> {
                    seen.put(req.shard().name(), req.keys());
                    return (long) req.keys().size();
                }, Merges.count());
        assertThat(result.value()).isEqualTo(3L);
        for (Map.Entry<String, List<Long>> e : seen.entrySet()) {
            assertThat(e.getValue()).allSatisfy(k -> assertThat(rule.shardOf(k).name()).isEqualTo(e.getKey()));
        }
        assertThat(seen.values().stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(seen).hasSizeLessThanOrEqualTo(3);
        assertThat(executor(ScatterGatherExecutor.builder()).onShardsOwning(rule, List.<Long>of(),
                req -> 1L, Merges.count()).width()).isZero();
    }

    @Test
    void topNHandsItsLimitToEveryShard() {
        List<Integer> limits = new CopyOnWriteArrayList<>();
        executor(ScatterGatherExecutor.builder()).onEveryShard(rule, req -> {
            limits.add(req.limit());
            return List.of(req.shard().index());
        }, Merges.topN(Integer::compare, 5));
        assertThat(limits).hasSize(8).containsOnly(5);
    }

    @Test
    void latencyIsTheSlowestShardNotTheSum() {
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder().parallelism(8));
        long start = System.nanoTime();
        ScatterResult<Long> result = executor.onEveryShard(rule, everyShardMeetsThenWaits(8), Merges.count());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(result.value()).isEqualTo(8L);
        assertThat(millis).as("8 shards of 100 ms each").isGreaterThanOrEqualTo(100).isLessThan(800);
    }

    @Test
    void theLatencyScenarioFailsWhenShardsRunOneAfterTheOther() {
        // Proves the test above can fail: run serially, the first shard waits for seven that never start.
        ScatterGatherExecutor serial = executor(ScatterGatherExecutor.builder().executor(Runnable::run));
        assertThatThrownBy(() -> serial.onEveryShard(rule, everyShardMeetsThenWaits(8), Merges.count()))
                .isInstanceOf(ScatterGatherException.class).hasRootCauseInstanceOf(TimeoutException.class);
    }

    /**
     * A call that runs only when all {@code shards} calls are in flight at once (each waits on one barrier, for
     * at most 2 s), then takes 100 ms: a serial executor times out at the barrier instead of summing delays.
     */
    private static ShardCall<Object, Long> everyShardMeetsThenWaits(int shards) {
        CyclicBarrier barrier = new CyclicBarrier(shards);
        return req -> {
            barrier.await(2, TimeUnit.SECONDS);
            Thread.sleep(100);
            return 1L;
        };
    }

    @Test
    void failFastNamesTheShardKeepsTheCauseAndInterruptsTheStragglers() {
        CountDownLatch interrupted = new CountDownLatch(7);
        CountDownLatch running = new CountDownLatch(7);
        IllegalStateException boom = new IllegalStateException("boom");
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder().parallelism(8));
        assertThatThrownBy(() -> executor.onEveryShard(rule, req -> {
            if (req.shard().index() == 5) {
                running.await(); // fail only once the others are surely in flight
                throw boom;
            }
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException ex) {
                interrupted.countDown();
            }
            return 0L;
        }, Merges.count()))
                .isInstanceOf(ScatterGatherException.class)
                .hasMessageContaining("'orders'").hasMessageContaining("'s5'").hasMessageContaining("boom")
                .hasCause(boom)
                .satisfies(e -> assertThat(((ScatterGatherException) e).getShard()).isEqualTo("s5"));
        assertThat(await(interrupted)).as("every straggler interrupted").isTrue();
    }

    @Test
    void partialMergesTheSurvivorsAndListsTheFailures() {
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder()
                .failurePolicy(FailurePolicy.PARTIAL));
        ScatterResult<List<Integer>> result = executor.onEveryShard(rule, req -> {
            if (req.shard().index() % 4 == 1) {
                throw new IllegalStateException("down " + req.shard().name());
            }
            return List.of(req.shard().index());
        }, Merges.concat());
        assertThat(result.value()).containsExactly(0, 2, 3, 4, 6, 7);
        assertThat(result.isComplete()).isFalse();
        assertThat(result.failures()).extracting(f -> f.shard().name()).containsExactly("s1", "s5");
        assertThat(result.failures().get(0).cause()).hasMessage("down s1");
        assertThatThrownBy(result::requireComplete).isInstanceOf(ScatterGatherException.class)
                .hasMessageContaining("2 of 8 shards failed [s1, s5]");
    }

    @Test
    void aShardOverItsTimeoutIsCancelledAndReportedTyped() {
        CountDownLatch interrupted = new CountDownLatch(1);
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder()
                .failurePolicy(FailurePolicy.PARTIAL).shardTimeout(Duration.ofMillis(100))
                // Far beyond the shard timeout, so only that timeout can end the blocked shard, however loaded the
                // machine (the 2 s default deadline could otherwise fire first).
                .deadline(Duration.ofSeconds(60)));
        ScatterResult<Long> result = executor.onEveryShard(rule, req -> {
            if (req.shard().index() == 2) {
                blockUntilInterrupted(interrupted);
            }
            return 1L;
        }, Merges.count());
        assertThat(result.value()).isEqualTo(7L);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.shard().name()).isEqualTo("s2");
            assertThat(f.cause()).isInstanceOf(ShardTimeoutException.class).hasMessageContaining("per-shard timeout");
            assertThat(((ShardTimeoutException) f.cause()).isDeadline()).isFalse();
        });
        assertThat(await(interrupted)).isTrue();
    }

    @Test
    void theOverallDeadlineCutsOffShardsStillQueued() {
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder().parallelism(1)
                .shardTimeout(Duration.ofSeconds(5)).deadline(Duration.ofMillis(150)));
        assertThatThrownBy(() -> executor.onEveryShard(rule, req -> {
            blockUntilInterrupted(new CountDownLatch(1));
            return 1L;
        }, Merges.count()))
                .isInstanceOf(ScatterGatherException.class)
                .cause().isInstanceOf(ShardTimeoutException.class).hasMessageContaining("overall deadline");
    }

    @Test
    void anInterruptedCallerGetsATypedFailureWithItsFlagRestored() throws Exception {
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder());
        CountDownLatch started = new CountDownLatch(1);
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        List<Boolean> flag = new CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> {
            try {
                executor.onEveryShard(rule, req -> {
                    started.countDown();
                    blockUntilInterrupted(new CountDownLatch(1));
                    return 1L;
                }, Merges.count());
            } catch (RuntimeException ex) {
                thrown.add(ex);
                flag.add(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(5000);
        assertThat(thrown).singleElement().isInstanceOf(ScatterGatherException.class)
                .satisfies(e -> assertThat(e.getCause()).isInstanceOf(InterruptedException.class));
        assertThat(flag).containsExactly(true);
    }

    @Test
    void runsOnAUserSuppliedExecutorWithoutOwningIt() {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder().executor(pool));
            assertThat(executor.onEveryShard(rule, req -> 1L, Merges.count()).value()).isEqualTo(8L);
            executor.close();
            assertThat(pool.isShutdown()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsWidthPerShardOutcomeAndMergeTime() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        ShardingMetrics metrics = new ShardingMetrics() {
            @Override
            public void fanOut(String rule, int width) {
                events.add("fanOut " + rule + " " + width);
            }

            @Override
            public void shardCall(String rule, String shard, long nanos, String outcome) {
                events.add(shard + " " + outcome);
            }

            @Override
            public void merge(String rule, long nanos) {
                events.add("merge " + rule);
            }
        };
        executor(ScatterGatherExecutor.builder().metrics(metrics).failurePolicy(FailurePolicy.PARTIAL))
                .onEveryShard(rule, req -> {
                    if (req.shard().index() == 0) {
                        throw new IllegalStateException("x");
                    }
                    return 1L;
                }, Merges.count());
        assertThat(events).startsWith("fanOut orders 8").endsWith("merge orders")
                .contains("s0 " + MeterNames.OUTCOME_FAILURE, "s7 " + MeterNames.OUTCOME_SUCCESS).hasSize(10);
    }

    @Test
    void broadcastWritesShardByShardInOrderAndReportsEachOutcome() {
        List<String> order = new CopyOnWriteArrayList<>();
        ScatterResult<List<Integer>> result = executor(ScatterGatherExecutor.builder()).broadcast(rule, req -> {
            order.add(req.shard().name());
            if (req.shard().index() == 6) {
                throw new IllegalStateException("constraint violated");
            }
            return 1;
        });
        assertThat(order).containsExactly("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7");
        assertThat(result.succeeded()).extracting(Shard::name).containsExactly("s0", "s1", "s2", "s3", "s4", "s5",
                "s7");
        assertThat(result.value()).hasSize(7);
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.shard().name()).isEqualTo("s6"));
        assertThatThrownBy(result::requireComplete).isInstanceOf(ScatterGatherException.class)
                .hasMessageContaining("'s6'").hasRootCauseMessage("constraint violated");
    }

    @Test
    void aMergeThatFailsOnOneShardsResultNamesThatShard() {
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder());
        assertThatThrownBy(() -> executor.onEveryShard(rule, req -> req.shard().index() == 2 ? List.of(3, 1)
                : List.of(1, 2), Merges.<Integer>ordered(Comparator.naturalOrder())))
                .isInstanceOfSatisfying(UnsortedShardResultException.class, ex -> {
                    assertThat(ex.getShard()).isEqualTo("s2");
                    assertThat(ex.getPosition()).isEqualTo(2);
                    assertThat(ex).hasMessageStartingWith("Scatter-gather over rule 'orders' failed on shard 's2': "
                            + "the shard's result is not sorted by the merge's comparator: [1] comes after [3]");
                });
        assertThatThrownBy(() -> executor.onEveryShard(rule, req -> Map.of("k", req.shard().index() < 5 ? 1L : "x"),
                Merges.<String, Object>groupBy()))
                .isInstanceOfSatisfying(MergeConflictException.class, ex -> {
                    assertThat(ex.getShard()).isEqualTo("s5");
                    assertThat(ex).hasMessageContaining("[java.lang.Long 5] on shard 's0', [java.lang.String x] "
                            + "on shard 's5'");
                });
        assertThatThrownBy(() -> executor.onEveryShard(rule, req -> Long.MAX_VALUE, Merges.sumLong()))
                .isInstanceOf(ScatterGatherException.class).hasCauseInstanceOf(ArithmeticException.class)
                .hasMessage("Scatter-gather over rule 'orders' failed: merging the shards' results failed "
                        + "(java.lang.ArithmeticException: long overflow)");
    }

    @Test
    void requireCompleteThrowsTheIncompleteResultListingEveryShard() {
        ScatterGatherExecutor partial = executor(ScatterGatherExecutor.builder()
                .failurePolicy(FailurePolicy.PARTIAL));
        ScatterResult<Long> result = partial.onEveryShard(rule, req -> {
            if (req.shard().index() % 4 == 1) {
                throw new IllegalStateException("down");
            }
            return 1L;
        }, Merges.count());
        assertThatThrownBy(result::requireComplete).isInstanceOfSatisfying(IncompleteResultException.class, ex -> {
            assertThat(ex).hasMessage("Scatter-gather over rule 'orders' failed on shard 's1': 2 of 8 shards failed "
                    + "[s1, s5], succeeded [s0, s2, s3, s4, s6, s7]");
            assertThat(ex.getPartialValue()).isEqualTo(6L);
            assertThat(ex.getFailures()).hasSize(2);
            assertThat(ex.getCause()).hasMessage("down");
        });
    }

    @Test
    void refusesAShardOfAnotherRule() {
        Shard stranger = new Shard("elsewhere", 0, rule.shards().get(0).dataSource());
        assertThatThrownBy(() -> executor(ScatterGatherExecutor.builder()).onShards(rule, List.of(stranger),
                req -> 1L, Merges.count()))
                .isInstanceOf(UnknownShardException.class)
                .hasMessageContaining("Rule 'orders': unknown shard 'elsewhere'; known shards are [s0, s1");
    }

    @Test
    void builderValidatesAtOnceAndAcrossSettings() {
        assertThatThrownBy(() -> ScatterGatherExecutor.builder().parallelism(0))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("parallelism");
        assertThatThrownBy(() -> ScatterGatherExecutor.builder().shardTimeout(Duration.ZERO))
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("shardTimeout");
        assertThatThrownBy(() -> ScatterGatherExecutor.builder().parallelism(4).executor(Runnable::run).build())
                .isInstanceOf(ShardingConfigurationException.class).hasMessageContaining("user-supplied");
        ScatterGatherExecutor defaults = executor(ScatterGatherExecutor.builder());
        assertThat(defaults.failurePolicy()).isEqualTo(FailurePolicy.FAIL_FAST);
        assertThat(defaults.shardTimeout()).isEqualTo(ScatterGatherExecutor.DEFAULT_SHARD_TIMEOUT);
        assertThat(defaults.breakerState("orders", "s0")).isEmpty();
    }

    @Test
    void manyConcurrentCallersEachGetTheirOwnAnswer() {
        ScatterGatherExecutor executor = executor(ScatterGatherExecutor.builder().parallelism(4));
        List<Long> answers = IntStream.range(0, 20).parallel()
                .mapToObj(i -> executor.onEveryShard(rule, req -> (long) i, Merges.count()).value()).toList();
        assertThat(answers).isEqualTo(IntStream.range(0, 20).mapToObj(i -> 8L * i).toList());
    }

    static void blockUntilInterrupted(CountDownLatch onInterrupt) {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException ex) {
            onInterrupt.countDown();
            Thread.currentThread().interrupt();
        }
    }

    static boolean await(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
