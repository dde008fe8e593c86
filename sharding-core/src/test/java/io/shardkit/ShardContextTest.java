package io.shardkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.testing.H2ShardFixtures;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-thread binding: scoping, nesting, exceptions, thread pools and explicit propagation. */
class ShardContextTest {

    private static final Shard A = shard("a", 0);
    private static final Shard B = shard("b", 1);

    private final ExecutorService pool = Executors.newFixedThreadPool(1);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ShardContext.depth()).as("test left a binding on the test thread").isZero();
    }

    @Test
    void aScopeBindsUntilClosed() {
        assertThat(ShardContext.current()).isNull();
        try (ShardScope scope = ShardContext.bind(A)) {
            assertThat(ShardContext.current()).isSameAs(A);
            assertThat(scope.shard()).isSameAs(A);
            assertThat(ShardContext.depth()).isOne();
        }
        assertThat(ShardContext.current()).isNull();
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void noBindingSurvivesAnException() {
        assertThatThrownBy(() -> {
            try (ShardScope outer = ShardContext.bind(A); ShardScope inner = ShardContext.bind(B)) {
                throw new IllegalStateException("boom");
            }
        }).hasMessage("boom");
        assertThat(ShardContext.current()).isNull();
        assertThat(ShardContext.depth()).isZero();
    }

    @Test
    void nestedBindingsRestoreTheOuterOne() {
        try (ShardScope outer = ShardContext.bind(A)) {
            try (ShardScope inner = ShardContext.bind(B)) {
                assertThat(ShardContext.current()).isSameAs(B);
                try (ShardScope again = ShardContext.bind(A)) {
                    assertThat(ShardContext.depth()).isEqualTo(3);
                }
                assertThat(ShardContext.current()).isSameAs(B);
            }
            assertThat(ShardContext.current()).isSameAs(A);
        }
        assertThat(ShardContext.current()).isNull();
    }

    @Test
    void closingOutOfOrderIsRefusedAndLeavesTheStackIntact() {
        ShardScope outer = ShardContext.bind(A);
        ShardScope inner = ShardContext.bind(B);
        assertThatThrownBy(outer::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed out of order");
        assertThat(ShardContext.current()).isSameAs(B);
        inner.close();
        outer.close();
        assertThat(ShardContext.current()).isNull();
    }

    @Test
    void closingTwiceIsANoOpAndTheScopeStillNamesItsShard() {
        ShardScope scope = ShardContext.bind(A);
        scope.close();
        try (ShardScope other = ShardContext.bind(B)) {
            scope.close();
            assertThat(ShardContext.current()).isSameAs(B);
            assertThat(scope.shard()).isSameAs(A);
        }
    }

    @Test
    void closingOnAnotherThreadIsRefused() throws Exception {
        try (ShardScope scope = ShardContext.bind(A)) {
            Future<?> elsewhere = pool.submit(scope::close);
            assertThatThrownBy(elsewhere::get).cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed on thread");
            assertThat(ShardContext.current()).isSameAs(A);
        }
    }

    @Test
    void pooledThreadsStartCleanAfterABoundTask() throws Exception {
        pool.submit(() -> {
            try (ShardScope scope = ShardContext.bind(A)) {
                assertThat(ShardContext.current()).isSameAs(A);
            }
        }).get();
        Future<?> failed = pool.submit(() -> {
            try (ShardScope scope = ShardContext.bind(B)) {
                throw new IllegalStateException("task failed while bound");
            }
        });
        assertThatThrownBy(failed::get).hasRootCauseMessage("task failed while bound");
        assertThat(pool.submit(ShardContext::current).get()).isNull();
        assertThat(pool.submit(ShardContext::depth).get()).isZero();
    }

    @Test
    void aBindingIsNotInheritedBySubmittedTasks() throws Exception {
        try (ShardScope scope = ShardContext.bind(A)) {
            assertThat(pool.submit(ShardContext::current).get()).isNull();
            assertThat(CompletableFuture.supplyAsync(ShardContext::current, pool).get()).isNull();
        }
    }

    @Test
    void wrapCarriesTheBindingOfTheCallerAndUnbindsAfterwards() throws Exception {
        AtomicReference<@Nullable Shard> seen = new AtomicReference<>();
        Runnable runnable;
        Callable<@Nullable Shard> callable;
        Supplier<@Nullable Shard> supplier;
        try (ShardScope scope = ShardContext.bind(B)) {
            runnable = ShardContext.wrap(() -> seen.set(ShardContext.current()));
            callable = ShardContext.wrap((Callable<@Nullable Shard>) ShardContext::current);
            supplier = ShardContext.wrap((Supplier<@Nullable Shard>) ShardContext::current);
        }
        pool.submit(runnable).get();
        assertThat(seen.get()).isSameAs(B);
        assertThat(pool.submit(callable).get()).isSameAs(B);
        assertThat(CompletableFuture.supplyAsync(supplier, pool).get()).isSameAs(B);
        assertThat(pool.submit(ShardContext::current).get()).as("after the wrapped tasks").isNull();
    }

    @Test
    void wrapWithoutABindingRunsUnbound() throws Exception {
        Runnable runnable = ShardContext.wrap(() -> assertThat(ShardContext.current()).isNull());
        pool.submit(runnable).get();
    }

    @Test
    void aPropagatingExecutorBindsEachTaskToItsSubmittersShard() throws Exception {
        Executor propagating = ShardContext.propagating(pool);
        CompletableFuture<@Nullable Shard> onA;
        CompletableFuture<@Nullable Shard> onB;
        try (ShardScope scope = ShardContext.bind(A)) {
            onA = CompletableFuture.supplyAsync(ShardContext::current, propagating);
        }
        try (ShardScope scope = ShardContext.bind(B)) {
            onB = CompletableFuture.supplyAsync(ShardContext::current, propagating);
        }
        CompletableFuture<@Nullable Shard> unbound = CompletableFuture.supplyAsync(ShardContext::current, propagating);
        assertThat(onA.get()).isSameAs(A);
        assertThat(onB.get()).isSameAs(B);
        assertThat(unbound.get()).isNull();
        assertThat(pool.submit(ShardContext::current).get()).isNull();
    }

    private static Shard shard(String name, int index) {
        return new Shard(name, index, H2ShardFixtures.dataSource("context-" + name));
    }
}
