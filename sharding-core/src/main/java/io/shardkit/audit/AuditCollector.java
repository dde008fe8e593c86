package io.shardkit.audit;

import io.shardkit.Shard;
import io.shardkit.ShardingException;
import io.shardkit.ShardingRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Accumulates one audit run: exact counts, and the first {@code maxReported} problems of each kind.
 *
 * <p>Not thread-safe: one run, one thread.
 */
final class AuditCollector {

    private final ShardingRule rule;
    private final String table;
    private final int maxReported;
    private final Map<String, Tally> perShard = new LinkedHashMap<>();
    private final List<MisplacedRow> misplaced = new ArrayList<>();
    private final List<UnroutableRow> unroutable = new ArrayList<>();
    /** Every id seen, with the shard of its first occurrence. */
    private final Map<Object, String> firstSeenOn = new HashMap<>();
    /** Ids seen more than once, with the shard of every occurrence; insertion-ordered for a stable report. */
    private final Map<Object, List<String>> duplicates = new LinkedHashMap<>();
    private long misplacedCount;
    private long unroutableCount;
    private Tally current = new Tally();

    AuditCollector(ShardingRule rule, String table, int maxReported) {
        this.rule = rule;
        this.table = table;
        this.maxReported = maxReported;
    }

    void startShard(Shard shard) {
        current = new Tally();
        perShard.put(shard.name(), current);
    }

    void row(Shard shard, @Nullable Object key, @Nullable Object id) {
        current.rows++;
        placement(shard, key, id);
        if (id != null) {
            String first = firstSeenOn.putIfAbsent(id, shard.name());
            if (first != null) {
                duplicates.computeIfAbsent(id, k -> new ArrayList<>(List.of(first))).add(shard.name());
            }
        }
    }

    private void placement(Shard shard, @Nullable Object key, @Nullable Object id) {
        Shard home;
        try {
            home = rule.shardOf(key);
        } catch (ShardingException ex) {
            unroutableCount++;
            current.unroutable++;
            if (unroutable.size() < maxReported) {
                unroutable.add(new UnroutableRow(shard.name(), key, id, Objects.toString(ex.getMessage(), ex.toString())));
            }
            return;
        }
        if (!home.equals(shard)) {
            misplacedCount++;
            current.misplaced++;
            if (misplaced.size() < maxReported) {
                // key is non-null here: the rule placed it.
                misplaced.add(new MisplacedRow(shard.name(), home.name(), Objects.requireNonNull(key), id));
            }
        }
    }

    AuditReport report() {
        Map<String, AuditReport.ShardCounts> counts = new LinkedHashMap<>();
        perShard.forEach((name, t) -> counts.put(name, new AuditReport.ShardCounts(t.rows, t.misplaced,
                t.unroutable)));
        List<DuplicateId> dups = new ArrayList<>();
        for (Map.Entry<Object, List<String>> e : duplicates.entrySet()) {
            if (dups.size() == maxReported) {
                break;
            }
            dups.add(new DuplicateId(e.getKey(), e.getValue()));
        }
        return new AuditReport(rule.name(), table, counts, misplacedCount, misplaced, unroutableCount, unroutable,
                duplicates.size(), dups);
    }

    /** One shard's running counts. */
    private static final class Tally {
        long rows;
        long misplaced;
        long unroutable;
    }
}
