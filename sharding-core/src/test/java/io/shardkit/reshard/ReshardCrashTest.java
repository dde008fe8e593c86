package io.shardkit.reshard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardkit.ShardingRule;
import io.shardkit.bucket.BucketWrites;
import io.shardkit.bucket.BucketedStrategy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mover killed before each step of a move: a new mover resumes and finishes it, or rolls it back, and either
 * way the audit is clean: every order once, on its owner, with its items, including orders placed while the move
 * was stopped.
 */
class ReshardCrashTest {

    private static final int BUCKETS = 16;
    private static final int CUSTOMERS = 96;

    @ParameterizedTest(name = "killed before {0}, resumed")
    @EnumSource(value = MoveStep.class, names = "CLEANUP", mode = EnumSource.Mode.EXCLUDE)
    void aMoverKilledAtAnyStepIsResumedByAnother(MoveStep step) throws SQLException {
        try (OrderShards db = new OrderShards(BUCKETS)) {
            ShardingRule rule = db.eight();
            BucketWrites writes = BucketWrites.of(rule);
            placeRound(db, writes, 0);
            MovePlan plan = twoBucketsFromFirstShard(rule);
            assertThatThrownBy(() -> mover(rule, crashAt(step)).run(plan)).isInstanceOf(SimulatedCrash.class);
            placeRound(db, writes, 1); // writes go on while the move is stopped: journaled, or on the new owner

            Resharder next = mover(rule, new MoveListener() { });
            next.resume();
            next.run(rest(rule, plan));
            placeRound(db, writes, 2);
            next.cleanup();

            assertMoved(rule, plan);
            assertThat(next.status()).isEmpty();
            db.assertClean(rule);
        }
    }

    @ParameterizedTest(name = "killed before {0}, rolled back")
    @EnumSource(value = MoveStep.class, names = {"COPY", "CATCH_UP", "FENCE", "DRAIN", "VERIFY", "FLIP_SOURCE"})
    void aMoveKilledBeforeItsFlipRollsBack(MoveStep step) throws SQLException {
        try (OrderShards db = new OrderShards(BUCKETS)) {
            ShardingRule rule = db.eight();
            BucketWrites writes = BucketWrites.of(rule);
            placeRound(db, writes, 0);
            MovePlan plan = twoBucketsFromFirstShard(rule);
            assertThatThrownBy(() -> mover(rule, crashAt(step)).run(plan)).isInstanceOf(SimulatedCrash.class);
            placeRound(db, writes, 1);

            Resharder next = mover(rule, new MoveListener() { });
            for (var move : next.status()) {
                next.rollback(move.bucket());
            }
            placeRound(db, writes, 2);
            assertThat(next.status()).isEmpty();
            BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
            strategy.refresh();
            for (BucketMove move : plan.moves()) {
                assertThat(strategy.map().ownerName(move.bucket())).isEqualTo(move.source());
            }
            db.assertClean(rule);
            assertThat(db.count(db.shards.get(4), "SELECT COUNT(*) FROM orders")).as("rows left on the target")
                    .isZero();
        }
    }

    @ParameterizedTest(name = "killed before {0} of the cleanup, cleaned again")
    @EnumSource(value = MoveStep.class, names = "CLEANUP")
    void aCleanupKilledIsRunAgain(MoveStep step) throws SQLException {
        try (OrderShards db = new OrderShards(BUCKETS)) {
            ShardingRule rule = db.eight();
            BucketWrites writes = BucketWrites.of(rule);
            placeRound(db, writes, 0);
            MovePlan plan = twoBucketsFromFirstShard(rule);
            Resharder killed = mover(rule, crashAt(step));
            killed.run(plan);
            assertThatThrownBy(killed::cleanup).isInstanceOf(SimulatedCrash.class);
            placeRound(db, writes, 1);
            mover(rule, new MoveListener() { }).cleanup();
            assertMoved(rule, plan);
            db.assertClean(rule);
        }
    }

    private static void placeRound(OrderShards db, BucketWrites writes, long seq) throws SQLException {
        for (long customer = 0; customer < CUSTOMERS; customer++) {
            db.placeOrder(writes, customer, seq);
        }
    }

    private static MovePlan twoBucketsFromFirstShard(ShardingRule rule) {
        BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
        List<Integer> owned = strategy.map().bucketsOf(0);
        String source = strategy.map().shardNames().get(0);
        String target = strategy.map().shardNames().get(4);
        return new MovePlan(rule.name(), List.of(new BucketMove(owned.get(0), source, target),
                new BucketMove(owned.get(1), source, target)));
    }

    private static MovePlan rest(ShardingRule rule, MovePlan plan) {
        BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
        strategy.refresh();
        return new MovePlan(rule.name(), plan.moves().stream()
                .filter(m -> !strategy.map().ownerName(m.bucket()).equals(m.target())).toList());
    }

    private static void assertMoved(ShardingRule rule, MovePlan plan) {
        BucketedStrategy strategy = (BucketedStrategy) rule.strategy();
        strategy.refresh();
        for (BucketMove move : plan.moves()) {
            assertThat(strategy.map().ownerName(move.bucket())).as("owner of bucket %d", move.bucket())
                    .isEqualTo(move.target());
        }
    }

    private static Resharder mover(ShardingRule rule, MoveListener listener) {
        return Resharder.builder(rule).tables(OrderShards.TABLES).listener(listener)
                .config(ReshardConfig.custom().cleanupDelay(Duration.ZERO).batchSize(7).build()).build();
    }

    private static MoveListener crashAt(MoveStep step) {
        AtomicBoolean fired = new AtomicBoolean();
        return new MoveListener() {
            @Override
            public void beforeStep(BucketMove move, MoveStep now) {
                if (now == step && fired.compareAndSet(false, true)) {
                    throw new SimulatedCrash(step);
                }
            }
        };
    }
}
