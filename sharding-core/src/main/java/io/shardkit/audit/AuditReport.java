package io.shardkit.audit;

import io.shardkit.ShardingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ShardAudit} run found: per-shard row counts and the rows the rule says should not be where they
 * are. Counts are exact; the lists hold at most the audit's {@code maxReported} entries each. Immutable and
 * thread-safe.
 *
 * <p>{@link #toString()} is a short multi-line summary meant for a terminal or a log.
 */
public final class AuditReport {

    private final String rule;
    private final String table;
    private final Map<String, ShardCounts> shards;
    private final long misplacedCount;
    private final List<MisplacedRow> misplaced;
    private final long unroutableCount;
    private final List<UnroutableRow> unroutable;
    private final long duplicateIdCount;
    private final List<DuplicateId> duplicates;

    AuditReport(String rule, String table, Map<String, ShardCounts> shards, long misplacedCount,
                List<MisplacedRow> misplaced, long unroutableCount, List<UnroutableRow> unroutable,
                long duplicateIdCount, List<DuplicateId> duplicates) {
        this.rule = rule;
        this.table = table;
        // Map.copyOf would lose the shard order, which the report keeps.
        this.shards = Collections.unmodifiableMap(new LinkedHashMap<>(shards));
        this.misplacedCount = misplacedCount;
        this.misplaced = List.copyOf(misplaced);
        this.unroutableCount = unroutableCount;
        this.unroutable = List.copyOf(unroutable);
        this.duplicateIdCount = duplicateIdCount;
        this.duplicates = List.copyOf(duplicates);
    }

    /**
     * One shard's figures; immutable and thread-safe.
     *
     * @param rows       rows the shard holds
     * @param misplaced  of those, rows whose key routes to another shard
     * @param unroutable of those, rows whose key the rule cannot place
     */
    public record ShardCounts(long rows, long misplaced, long unroutable) {
    }

    public String rule() {
        return rule;
    }

    public String table() {
        return table;
    }

    /** Figures per shard, in the rule's shard order. */
    public Map<String, ShardCounts> shards() {
        return shards;
    }

    /** The figures of one shard; a {@link ShardingException} when the audit did not read that shard. */
    public ShardCounts shard(String name) {
        ShardCounts counts = shards.get(Objects.requireNonNull(name, "name"));
        if (counts == null) {
            throw new ShardingException("the audit of table [" + table + "] for rule '" + rule
                    + "' did not read shard '" + name + "'; it read " + shards.keySet());
        }
        return counts;
    }

    /** Rows on all shards together. */
    public long totalRows() {
        return shards.values().stream().mapToLong(ShardCounts::rows).sum();
    }

    /** How many rows sit on a shard other than the one their key routes to. */
    public long misplacedCount() {
        return misplacedCount;
    }

    /** The first misplaced rows found (at most {@code maxReported}). */
    public List<MisplacedRow> misplaced() {
        return misplaced;
    }

    /** How many rows have a key the rule cannot place. */
    public long unroutableCount() {
        return unroutableCount;
    }

    /** The first unroutable rows found (at most {@code maxReported}). */
    public List<UnroutableRow> unroutable() {
        return unroutable;
    }

    /** How many distinct ids occur more than once (0 when the audit read no id column). */
    public long duplicateIdCount() {
        return duplicateIdCount;
    }

    /** The first duplicated ids found (at most {@code maxReported}). */
    public List<DuplicateId> duplicates() {
        return duplicates;
    }

    /** Whether no row is misplaced or unroutable and no id is duplicated. */
    public boolean isClean() {
        return misplacedCount == 0 && unroutableCount == 0 && duplicateIdCount == 0;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("Shard audit of table ").append(table).append(" (rule '").append(rule).append("'): ")
                .append(isClean() ? "CLEAN" : "PROBLEMS FOUND").append('\n');
        int width = shards.keySet().stream().mapToInt(String::length).max().orElse(5);
        shards.forEach((name, c) -> out.append(String.format(Locale.ROOT, "  %-" + width + "s %,12d rows %,10d "
                + "misplaced %,10d unroutable%n", name, c.rows(), c.misplaced(), c.unroutable())));
        out.append(String.format(Locale.ROOT, "  %-" + width + "s %,12d rows%n", "total", totalRows()));
        appendMisplaced(out);
        appendUnroutable(out);
        appendDuplicates(out);
        return out.toString().stripTrailing();
    }

    private void appendMisplaced(StringBuilder out) {
        out.append("  misplaced rows: ").append(misplacedCount).append('\n');
        for (MisplacedRow r : misplaced) {
            out.append("    on ").append(r.foundOn()).append(": key ").append(ShardingException.describeKey(r.key()))
                    .append(idText(r.id())).append(" belongs on ").append(r.belongsOn()).append('\n');
        }
        more(out, misplacedCount, misplaced.size());
    }

    private void appendUnroutable(StringBuilder out) {
        out.append("  unroutable rows: ").append(unroutableCount).append('\n');
        for (UnroutableRow r : unroutable) {
            out.append("    on ").append(r.foundOn()).append(": key ").append(ShardingException.describeKey(r.key()))
                    .append(idText(r.id())).append(": ").append(r.reason()).append('\n');
        }
        more(out, unroutableCount, unroutable.size());
    }

    private void appendDuplicates(StringBuilder out) {
        out.append("  duplicate ids: ").append(duplicateIdCount).append('\n');
        for (DuplicateId d : duplicates) {
            out.append("    id ").append(ShardingException.describeKey(d.id())).append(" on ")
                    .append(String.join(", ", d.shards())).append('\n');
        }
        more(out, duplicateIdCount, duplicates.size());
    }

    private static String idText(@Nullable Object id) {
        return id == null ? "" : " id " + ShardingException.describeKey(id);
    }

    private static void more(StringBuilder out, long count, int listed) {
        if (count > listed) {
            out.append("    ... and ").append(count - listed).append(" more\n");
        }
    }
}
