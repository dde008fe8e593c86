package io.shardkit.spring.boot.actuate;

import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import io.shardkit.ShardingRules;
import io.shardkit.bucket.BucketMap;
import io.shardkit.bucket.BucketTables;
import io.shardkit.bucket.BucketedStrategy;
import io.shardkit.reshard.MoveReport;
import io.shardkit.reshard.MoveState;
import io.shardkit.reshard.Resharder;
import io.shardkit.spring.reshard.Resharders;
import io.shardkit.spring.reshard.UnknownReshardRuleException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code reshard} actuator endpoint: the bucket maps of the bucketed rules and the moves of the rules declared
 * under {@code shardkit.reshard.rules}.
 * <ul>
 *   <li>{@code GET /actuator/reshard}: per bucketed rule its bucket count, buckets per shard, the map's epoch, the
 *       moves recorded on the shards, the progress and journal lag of the current operation, and that operation
 *       (what, since when, RUNNING, DONE or FAILED with the reason, and its report).</li>
 *   <li>{@code GET /actuator/reshard/{rule}}: each bucket's owner and epoch, and the target of a bucket moving.</li>
 *   <li>{@code POST /actuator/reshard/{rule}} with {@code action}: {@code expand} ({@code shards}, a comma-separated
 *       list), {@code move} ({@code bucket}, {@code target}), {@code resume}, {@code rollback} ({@code bucket}) or
 *       {@code cleanup}. It runs on a thread of its own and the answer, the operation's state, comes at once. While
 *       one operation of a rule runs, another is refused ({@link ReshardBusyException}; over HTTP a 409).</li>
 * </ul>
 * Bad input answers 400 with what was wrong and what is expected. Writing is the operator's to secure: expose the
 * endpoint ({@code management.endpoints.web.exposure.include=reshard}) only behind access control.
 *
 * <p>Thread-safe. {@link #close()} interrupts running operations (a move stopped anywhere can be resumed or rolled
 * back).
 */
@Endpoint(id = "reshard")
public class ReshardEndpoint implements AutoCloseable {

    private final Resharders resharders;
    private final ShardingRules rules;
    private final ReshardOperations operations;

    public ReshardEndpoint(Resharders resharders, ShardingRules rules) {
        this.resharders = Objects.requireNonNull(resharders, "resharders");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.operations = new ReshardOperations(resharders);
    }

    /** Every bucketed rule's map in short, its recorded moves and its current operation. */
    @ReadOperation
    public Overview reshard() {
        List<RuleStatus> statuses = new ArrayList<>();
        for (String rule : resharders.bucketedRules()) {
            statuses.add(status(rule));
        }
        return new Overview(statuses);
    }

    /** The full map of bucketed rule {@code rule}, or nothing (404) when there is no such rule. */
    @ReadOperation
    public @Nullable RuleMap rule(@Selector String rule) {
        if (!resharders.bucketedRules().contains(rule)) {
            return null;
        }
        BucketedStrategy strategy = strategy(rule);
        strategy.refresh();
        BucketMap map = strategy.map();
        Map<Integer, String> moving = new HashMap<>();
        if (resharders.rules().contains(rule)) {
            for (BucketTables.MoveRow move : resharders.get(rule).status()) {
                if (move.state().equals(MoveState.COPYING.name())) {
                    moving.put(move.bucket(), move.target());
                }
            }
        }
        List<Bucket> buckets = new ArrayList<>(map.buckets());
        for (int b = 0; b < map.buckets(); b++) {
            buckets.add(new Bucket(b, map.ownerName(b), map.epochOf(b), moving.get(b)));
        }
        return new RuleMap(rule, map.buckets(), map.epoch(), map.shardNames(), buckets);
    }

    /**
     * Starts {@code action} on {@code rule}'s buckets and answers with the operation's state.
     *
     * @throws InvalidEndpointRequestException when the rule has no resharder or a parameter is wrong (400)
     * @throws ReshardBusyException            when an operation of the rule is running
     */
    @WriteOperation
    public Operation start(@Selector String rule, String action, @Nullable String shards, @Nullable String bucket,
                           @Nullable String target) {
        if (!resharders.rules().contains(rule)) {
            String message = UnknownReshardRuleException.noResharder(rule, resharders.rules()).getMessage();
            throw new InvalidEndpointRequestException(message, "unknown rule");
        }
        return operations.start(rule, ReshardActions.parse(rules.rule(rule), action, shards, bucket, target));
    }

    @Override
    public void close() {
        operations.close();
    }

    private RuleStatus status(String rule) {
        BucketedStrategy strategy = strategy(rule);
        String error = null;
        List<BucketTables.MoveRow> moves = null;
        Long lag = null;
        Resharder.Progress progress = null;
        try {
            strategy.refresh();
            if (resharders.rules().contains(rule)) {
                Resharder current = operations.resharder(rule);
                Resharder resharder = current != null ? current : resharders.get(rule);
                moves = resharder.status();
                lag = resharder.journalLag();
                progress = current != null ? current.progress() : null;
            }
        } catch (ShardingException ex) {
            // A shard that is down: the rest of the answer is what this instance knows.
            error = ex.getMessage();
        }
        BucketMap map = strategy.map();
        Map<String, Integer> perShard = new LinkedHashMap<>();
        int[] counts = map.counts();
        for (int slot = 0; slot < counts.length; slot++) {
            perShard.put(map.shardNames().get(slot), counts[slot]);
        }
        return new RuleStatus(rule, map.buckets(), perShard, map.epoch(), resharders.rules().contains(rule), moves,
                progress, lag, operations.last(rule), error);
    }

    private BucketedStrategy strategy(String rule) {
        ShardingRule bucketed = rules.rule(rule);
        return (BucketedStrategy) bucketed.strategy();
    }

    /** Every bucketed rule. */
    public record Overview(List<RuleStatus> rules) {
    }

    /**
     * One bucketed rule.
     *
     * @param bucketsPerShard how many buckets each of the rule's shards owns
     * @param epoch           the map's epoch: raised by one by every move
     * @param resharder       whether the rule is declared under {@code shardkit.reshard.rules} (only then can its
     *                        buckets be moved here, and its moves, progress and journal lag be read)
     * @param moves           the moves recorded on the shards, until the cleanup forgets them
     * @param progress        the current (or last) operation's progress
     * @param journalLag      journal entries waiting for replay on the rule's shards
     * @param operation       the running or last operation started here
     * @param error           why moves or lag could not be read (a shard down), else {@code null}
     */
    public record RuleStatus(String rule, int buckets, Map<String, Integer> bucketsPerShard, long epoch,
                             boolean resharder, @Nullable List<BucketTables.MoveRow> moves,
                             Resharder.@Nullable Progress progress, @Nullable Long journalLag,
                             @Nullable Operation operation, @Nullable String error) {
    }

    /** A rule's full map. */
    public record RuleMap(String rule, int buckets, long epoch, List<String> shards, List<Bucket> map) {
    }

    /** One bucket: its owner, the epoch of the move that gave it that owner, and where it is moving, if it is. */
    public record Bucket(int bucket, String owner, long epoch, @Nullable String movingTo) {
    }

    /** Where an operation is. */
    public enum State {
        /** Still running. */
        RUNNING,
        /** Finished. */
        DONE,
        /** Stopped by an exception: see the error; resume or roll back. */
        FAILED
    }

    /**
     * An operation started through the endpoint.
     *
     * @param action      expand, move, resume, rollback or cleanup
     * @param detail      its parameters
     * @param elapsedMs   milliseconds from its start to its end, or to now while it runs
     * @param error       the exception's message when it failed
     * @param report      what a move, expand or resume did, once done
     * @param rowsDeleted the rows a cleanup deleted, once done
     */
    public record Operation(String rule, String action, String detail, Instant startedAt, @Nullable Instant finishedAt,
                            long elapsedMs, State state, @Nullable String error, @Nullable Report report,
                            @Nullable Long rowsDeleted) {
    }

    /**
     * A {@link MoveReport} in short.
     *
     * @param buckets          buckets moved
     * @param rowsCopied       rows written to targets (copy and replay)
     * @param copyRowsPerSecond the copy step's rate
     * @param fenceP50Ms       median write fence per bucket
     * @param fenceP99Ms       99th percentile write fence
     * @param fenceMaxMs       longest write fence
     */
    public record Report(int buckets, long rowsCopied, long copyRowsPerSecond, long fenceP50Ms, long fenceP99Ms,
                         long fenceMaxMs) {

        static Report of(MoveReport report) {
            return new Report(report.buckets().size(), report.rowsCopied(), Math.round(report.copy().rate()),
                    report.fencePercentile(50).toMillis(), report.fencePercentile(99).toMillis(),
                    report.fencePercentile(100).toMillis());
        }
    }
}
